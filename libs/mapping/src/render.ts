// Escape-aware rendering of a mapping into one HTTP request.
//
// The rule throughout: a placeholder value is data and can never change the request's
// structure. Each place a value lands has its own encoding:
//   - URL (path, query part of url_template, fragment): percent-encoded with encodeURIComponent;
//     placeholders are refused in the scheme/host so a value can never pick the server, and a
//     value may not turn a path segment into "", "." or ".." (which would move the request to
//     another resource once the URL is normalised).
//   - query_params: the whole rendered value is form-encoded (as URLSearchParams would).
//   - headers: inserted as-is, but CR, LF or NUL anywhere in the result is refused.
//   - JSON bodies: see renderJsonTemplate; XML bodies: see renderXmlTemplate.
import { TemplateRenderError } from './errors.js';
import { scanTemplate, templateProblemMessage, unknownPlaceholderMessage, type TemplateSegment } from './template.js';
import { placeholderValues, type MappingContext } from './sample-context.js';
import { parseXml } from './xml.js';
import {
  BODY_KINDS,
  HTTP_METHODS,
  isPlaceholderName,
  type BodyKind,
  type CapabilityKey,
  type HttpMethod,
  type OperationMapping,
  type PlaceholderName,
  type PlaceholderValues,
} from './types.js';

export interface RenderedRequest {
  method: HttpMethod;
  /** Absolute URL with the query_params appended. */
  url: string;
  /** The mapping's own headers, rendered. Content-Type is reported separately in contentType. */
  headers: Record<string, string>;
  /** undefined when body_kind is none. */
  body: string | undefined;
  /** content_type if set, else application/json or application/xml by body_kind, else undefined. */
  contentType: string | undefined;
}

export interface RenderOptions {
  /** Names the mapping in error paths (`mappings.<operation>.<field>`). */
  operation: CapabilityKey;
}

const DEFAULT_CONTENT_TYPES: Record<BodyKind, string | undefined> = {
  none: undefined,
  json: 'application/json',
  xml: 'application/xml',
};

/** Renders a mapping with values computed from the context. Throws TemplateRenderError. */
export function renderRequest(mapping: OperationMapping, context: MappingContext, options: RenderOptions): RenderedRequest {
  return renderRequestWithValues(mapping, placeholderValues(context), options);
}

/** Same as renderRequest, from already computed placeholder values. */
export function renderRequestWithValues(
  mapping: OperationMapping,
  values: PlaceholderValues,
  options: RenderOptions,
): RenderedRequest {
  const base = `mappings.${options.operation}`;
  if (!(HTTP_METHODS as readonly string[]).includes(mapping.http_method)) {
    throw new TemplateRenderError(`${base}.http_method`, `http_method must be one of ${HTTP_METHODS.join(', ')}`);
  }
  const kind = mapping.body_kind ?? 'none';
  if (!(BODY_KINDS as readonly string[]).includes(kind)) {
    throw new TemplateRenderError(`${base}.body_kind`, `body_kind must be one of ${BODY_KINDS.join(', ')}`);
  }
  const contentType = mapping.content_type ?? DEFAULT_CONTENT_TYPES[kind];
  if (contentType !== undefined) refuseLineBreaks(contentType, `${base}.content_type`, 'content_type');
  return {
    method: mapping.http_method,
    url: renderUrl(mapping, values, base),
    headers: renderHeaders(mapping.headers, values, base),
    body: renderBody(kind, mapping.body_template, values, `${base}.body_template`),
    contentType,
  };
}

// A template that breaks the placeholder rules is never sent (not even literally): a mapping saved
// before a rule existed fails here, naming the field and position, until it is fixed.
function checkedSegments(template: string, path: string): TemplateSegment[] {
  const { segments, problems } = scanTemplate(template);
  if (problems.length > 0) throw new TemplateRenderError(path, templateProblemMessage(problems[0]!));
  return segments;
}

function valueFor(name: string, values: PlaceholderValues, path: string): string {
  if (!isPlaceholderName(name)) throw new TemplateRenderError(path, unknownPlaceholderMessage([name]));
  return values[name];
}

// Lone UTF-16 surrogates make encodeURIComponent throw; replace them the way URLSearchParams does.
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** application/x-www-form-urlencoded, byte-for-byte what URLSearchParams produces. */
export function formEncode(text: string): string {
  return encodeURIComponent(wellFormed(text))
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Renders url_template and appends query_params. */
export function renderUrl(
  mapping: Pick<OperationMapping, 'url_template' | 'query_params'>,
  values: PlaceholderValues,
  base: string,
): string {
  const url = renderUrlTemplate(mapping.url_template, values, `${base}.url_template`);
  const pairs: string[] = [];
  for (const [name, template] of Object.entries(mapping.query_params ?? {})) {
    const value = renderPlain(template, values, `${base}.query_params.${name}`);
    pairs.push(`${formEncode(name)}=${formEncode(value)}`);
  }
  return appendQuery(url, pairs);
}

function appendQuery(url: string, pairs: string[]): string {
  if (pairs.length === 0) return url;
  const hash = url.indexOf('#');
  const head = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const separator = !head.includes('?') ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&';
  return `${head}${separator}${pairs.join('&')}${fragment}`;
}

/** Where the path starts (index after scheme://host), or -1 while still inside scheme/host. */
function pathStart(url: string): number {
  const scheme = url.indexOf('://');
  if (scheme === -1) return -1;
  const rest = url.slice(scheme + 3).search(/[/?#]/);
  return rest === -1 ? -1 : scheme + 3 + rest;
}

export function renderUrlTemplate(template: string, values: PlaceholderValues, path: string): string {
  let out = '';
  const inserted: Array<{ start: number; end: number; name: string }> = [];
  for (const segment of checkedSegments(template, path)) {
    if (segment.kind === 'literal') {
      out += segment.text;
      continue;
    }
    const value = valueFor(segment.name, values, path);
    if (pathStart(out) === -1) {
      throw new TemplateRenderError(
        path,
        `{${segment.name}} cannot be used in the scheme or host of url_template; write the server literally and use placeholders only in the path or query`,
      );
    }
    const encoded = encodeURIComponent(wellFormed(value));
    inserted.push({ start: out.length, end: out.length + encoded.length, name: segment.name });
    out += encoded;
  }
  checkPathSegments(out, inserted, path);
  const problem = absoluteUrlProblem(out);
  if (problem) throw new TemplateRenderError(path, problem);
  return out;
}

// Values are percent-encoded, so they cannot add "/", "?" or "#"; what they can still do is make
// a whole segment empty, "." or ".." (URL parsers treat %2e as a dot), which would address a
// different resource, e.g. DELETE /groups/ or /groups/../users.
function checkPathSegments(url: string, inserted: Array<{ start: number; end: number; name: string }>, path: string): void {
  const start = pathStart(url);
  if (start === -1 || inserted.length === 0) return;
  const endMatch = url.slice(start).search(/[?#]/);
  const end = endMatch === -1 ? url.length : start + endMatch;
  let segmentStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && url[i] !== '/') continue;
    const segment = url.slice(segmentStart, i);
    const touching = inserted.filter((v) =>
      v.start === v.end ? v.start >= segmentStart && v.start <= i : v.start < i && v.end > segmentStart,
    );
    if (touching.length > 0) {
      const names = touching.map((v) => `{${v.name}}`).join(', ');
      const dots = segment.replace(/%2e/gi, '.');
      if (segment === '') {
        throw new TemplateRenderError(path, `${names} is empty, which would leave an empty URL path segment; a value is required here`);
      }
      if (dots === '.' || dots === '..') {
        throw new TemplateRenderError(path, `${names} would make the URL path segment "${dots}", which changes the addressed resource; refusing`);
      }
    }
    segmentStart = i + 1;
  }
}

/**
 * Why a string is not an absolute http(s) URL we are willing to call, or undefined when it is.
 * Implemented without the URL class so the engine needs no DOM or Node typings; credentials in
 * the URL are refused because they belong in the auth settings, not in templates or logs.
 */
export function absoluteUrlProblem(url: string): string | undefined {
  const match = /^(https?):\/\/([^/?#]*)(.*)$/is.exec(url);
  if (!match) return `must be an absolute http:// or https:// URL (got "${url}")`;
  const [, , authority, rest] = match;
  if (authority.includes('@')) return 'must not contain user:password@ credentials; configure them under auth instead';
  if (!/^([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(authority)) {
    return `must name a valid host after "://" (got "${authority}")`;
  }
  if (/[\s\u0000-\u001f\u007f]/.test(rest)) return 'must not contain spaces or control characters; percent-encode them (e.g. %20)';
  return undefined;
}

/** Raw substitution, for header values and query_params values (encoded afterwards by the caller). */
export function renderPlain(template: string, values: PlaceholderValues, path: string): string {
  let out = '';
  for (const segment of checkedSegments(template, path)) {
    out += segment.kind === 'literal' ? segment.text : valueFor(segment.name, values, path);
  }
  return out;
}

function refuseLineBreaks(value: string, path: string, what: string): void {
  if (/[\r\n\u0000]/.test(value)) {
    throw new TemplateRenderError(path, `${what} must not contain line breaks (CR, LF) or NUL characters`);
  }
}

export function renderHeaders(
  headers: Record<string, string> | undefined,
  values: PlaceholderValues,
  base: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(headers ?? {})) {
    const path = `${base}.headers.${name}`;
    const value = renderPlain(template, values, path);
    refuseLineBreaks(value, path, `header ${name}`);
    out[name] = value;
  }
  return out;
}

/** Renders body_template for a body kind and checks the result parses. */
export function renderBody(kind: BodyKind, template: string | undefined, values: PlaceholderValues, path: string): string | undefined {
  if (kind === 'none') return undefined;
  const source = template ?? '';
  if (kind === 'json') {
    const body = renderJsonTemplate(source, values, path);
    try {
      JSON.parse(body);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new TemplateRenderError(path, `body is not valid JSON after filling placeholders: ${detail}`);
    }
    return body;
  }
  const body = renderXmlTemplate(source, values, path);
  try {
    parseXml(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new TemplateRenderError(path, `body is not well-formed XML after filling placeholders: ${detail}`);
  }
  return body;
}

const JSON_PLACEHOLDERS: ReadonlySet<PlaceholderName> = new Set(['scim_user_json', 'scim_patch_json', 'member_ids_json']);

/**
 * JSON substitution. A small scanner follows the template's own literal text to know whether a
 * placeholder sits inside a JSON string literal:
 *   - inside a string: the value is JSON-string-escaped without quotes (also *_json values, which
 *     then appear as text);
 *   - outside: scim_user_active is a bare true/false, *_json values are inserted as the JSON they
 *     are, every other value becomes a quoted JSON string.
 * Inserted text is always balanced (a complete value, or escaped string content), so it never
 * changes the scanner's state. A placeholder right after a backslash inside a string is refused:
 * the backslash would escape the value's first character and could end the string.
 */
export function renderJsonTemplate(template: string, values: PlaceholderValues, path: string): string {
  let out = '';
  let inString = false;
  let escaped = false;
  for (const segment of checkedSegments(template, path)) {
    if (segment.kind === 'literal') {
      for (const ch of segment.text) {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === '\\') escaped = true;
          else if (ch === '"') inString = false;
        } else if (ch === '"') {
          inString = true;
        }
      }
      out += segment.text;
      continue;
    }
    const value = valueFor(segment.name, values, path);
    const name = segment.name as PlaceholderName;
    if (inString) {
      if (escaped) {
        throw new TemplateRenderError(path, `{${name}} directly follows a backslash inside a JSON string; remove the backslash`);
      }
      out += JSON.stringify(value).slice(1, -1);
    } else if (name === 'scim_user_active') {
      out += value === 'false' ? 'false' : 'true';
    } else if (JSON_PLACEHOLDERS.has(name)) {
      // Computed values are always JSON; values handed to renderRequestWithValues are checked so a
      // caller's mistake cannot splice arbitrary text into the body.
      try {
        JSON.parse(value);
      } catch {
        throw new TemplateRenderError(path, `{${name}} must hold valid JSON to be inserted outside a JSON string`);
      }
      out += value;
    } else {
      out += JSON.stringify(value);
    }
  }
  return out;
}

// Characters XML 1.0 cannot carry at all, escaped or not.
const XML_FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Escapes & < > " ' and CR (which parsers would otherwise normalise away). */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"'\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : '&#13;',
  );
}

type XmlState = 'text' | 'tag' | 'attr"' | "attr'" | 'comment' | 'cdata' | 'pi' | 'decl';

/**
 * XML substitution. A scanner follows the template's literal markup so each value is encoded for
 * where it lands: element text gets xmlEscape; a quoted attribute value additionally keeps tabs
 * and newlines as character references (parsers would turn them into spaces); inside CDATA the
 * value goes in raw with any "]]>" split across two sections. Placeholders inside a tag's own
 * markup (names, unquoted positions), comments, processing instructions or declarations are
 * refused, as are characters XML 1.0 cannot represent.
 */
export function renderXmlTemplate(template: string, values: PlaceholderValues, path: string): string {
  let out = '';
  let state: XmlState = 'text';
  for (const segment of checkedSegments(template, path)) {
    if (segment.kind === 'literal') {
      const text = segment.text;
      let i = 0;
      while (i < text.length) {
        const at = (token: string) => text.startsWith(token, i);
        const ch = text[i];
        let step = 1;
        switch (state) {
          case 'text':
            if (at('<!--')) [state, step] = ['comment', 4];
            else if (at('<![CDATA[')) [state, step] = ['cdata', 9];
            else if (at('<?')) [state, step] = ['pi', 2];
            else if (at('<!')) [state, step] = ['decl', 2];
            else if (ch === '<') state = 'tag';
            break;
          case 'tag':
            if (ch === '"') state = 'attr"';
            else if (ch === "'") state = "attr'";
            else if (ch === '>') state = 'text';
            break;
          case 'attr"':
          case "attr'":
            if (ch === state[4]) state = 'tag';
            break;
          case 'comment':
            if (at('-->')) [state, step] = ['text', 3];
            break;
          case 'cdata':
            if (at(']]>')) [state, step] = ['text', 3];
            break;
          case 'pi':
            if (at('?>')) [state, step] = ['text', 2];
            break;
          case 'decl':
            if (ch === '>') state = 'text';
            break;
        }
        i += step;
      }
      out += text;
      continue;
    }
    const value = valueFor(segment.name, values, path);
    if (XML_FORBIDDEN_CHARS.test(value)) {
      throw new TemplateRenderError(path, `{${segment.name}} contains control characters that XML cannot represent`);
    }
    if (state === 'text') out += xmlEscape(value);
    else if (state === 'attr"' || state === "attr'") {
      out += xmlEscape(value).replace(/[\n\t]/g, (c) => (c === '\n' ? '&#10;' : '&#9;'));
    } else if (state === 'cdata') out += value.replace(/]]>/g, ']]]]><![CDATA[>');
    else {
      throw new TemplateRenderError(
        path,
        `{${segment.name}} sits inside XML markup (a tag name, comment or declaration); put it in element text or a quoted attribute value`,
      );
    }
  }
  return out;
}
