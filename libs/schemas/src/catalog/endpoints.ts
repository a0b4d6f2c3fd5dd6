/** Placeholder shown wherever the customer must paste their own key. */
export const API_KEY_PLACEHOLDER = 'YOUR_API_KEY_HERE';

/** Headers every submission needs, as documented. */
export const REQUIRED_HEADERS = Object.freeze({
  'Content-Type': 'application/json',
  'x-api-key': API_KEY_PLACEHOLDER,
} as const);

/** The documented path: one endpoint per monitoring context. */
export function endpointPath(integrationId: string, contextKey: string): string {
  return `/external/v2/integration/${encodeURIComponent(integrationId)}/context/${encodeURIComponent(contextKey)}`;
}

/** Full URL; trailing slashes on baseUrl are tolerated because people paste them. */
export function endpointUrl(baseUrl: string, integrationId: string, contextKey: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${endpointPath(integrationId, contextKey)}`;
}

export interface CurlExampleOptions {
  /** Defaults to the placeholder: examples are shown on screen and copied into docs. */
  readonly apiKey?: string;
}

/**
 * A copy-pasteable curl command for one context. `body` is an object (pretty-printed) or a
 * JSON string used as is. Single-quoted for POSIX shells so `$` and `"` in data stay literal.
 */
export function curlExample(
  baseUrl: string,
  integrationId: string,
  contextKey: string,
  body: unknown,
  options: CurlExampleOptions = {},
): string {
  const json = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  const headers: Record<string, string> = { ...REQUIRED_HEADERS, 'x-api-key': options.apiKey ?? API_KEY_PLACEHOLDER };
  return [
    `curl -X POST ${shellQuote(endpointUrl(baseUrl, integrationId, contextKey))}`,
    ...Object.entries(headers).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`),
    `  -d ${shellQuote(json)}`,
  ].join(' \\\n');
}

/**
 * A curl example made with the placeholder, with `apiKey` in its place: the example the API
 * answers, filled in the browser with a key that is never sent back to the server.
 */
export function withApiKey(example: string, apiKey: string): string {
  const placeholder = `-H ${shellQuote(`x-api-key: ${API_KEY_PLACEHOLDER}`)}`;
  return example.replace(placeholder, () => `-H ${shellQuote(`x-api-key: ${apiKey}`)}`);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
