import type { ApiError } from '@gatehouse/contracts';
import { fieldMessages, type FieldLabels } from './form-errors';

/** An answer from the API that was not 2xx, carrying the API's own error body. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(body?.message ?? `Request failed with status ${status}`);
  }
  /** First message per field; with the form's labels, worded as the form names its fields. */
  fieldErrors(labels: FieldLabels = {}): Record<string, string> {
    return fieldMessages(this.body?.details ?? [], labels);
  }
}

// Over https the server names it __Host-gh_csrf (the prefix keeps sibling hosts from setting it).
function csrfToken(): string | undefined {
  const m = /(?:^|;\s*)(?:__Host-)?gh_csrf=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

type Options = { method?: string; body?: unknown; signal?: AbortSignal; raw?: BodyInit; headers?: Record<string, string> };

/** fetch with the session cookie, the CSRF header on unsafe methods, and typed errors. */
export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const method = opts.method ?? (opts.body !== undefined || opts.raw ? 'POST' : 'GET');
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!['GET', 'HEAD'].includes(method)) {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    signal: opts.signal,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) throw new ApiRequestError(res.status, data as ApiError | undefined);
  return data as T;
}
