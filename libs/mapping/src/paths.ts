// Path lookup for response_fields and error_message_path.
//
// JSON: dot-separated keys from the root (`data.user.id`); a numeric segment indexes an array;
// `""` is the root itself. Only own properties are followed, so `constructor` or `__proto__`
// never reach into the prototype chain.
//
// XML: slash-separated local tag names starting with the root element's name (`user/id` when
// <user> is the root); namespace prefixes are ignored on both sides. The first child with a
// matching name is followed. The last segment may name an attribute, as `user/@id` (also
// accepted: `user@id`). `""` is the root element. A leaf element yields its trimmed text; an
// element with child elements yields the element itself (not a scalar).
import { localName, type XmlElement } from './xml.js';

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

export function resolveJsonPath(root: unknown, path: string): unknown {
  if (path === '') return root;
  let current: unknown = root;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (typeof current === 'object' && current !== null) {
      if (!hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
    if (current === undefined || current === null) return undefined;
  }
  return current;
}

function elementValue(element: XmlElement): string | XmlElement {
  return element.children.length > 0 ? element : element.text.trim();
}

function attributeValue(element: XmlElement, name: string): string | undefined {
  const wanted = localName(name);
  const key = Object.keys(element.attributes).find((k) => k === name || localName(k) === wanted);
  return key === undefined ? undefined : element.attributes[key];
}

export function resolveXmlPath(root: XmlElement, path: string): string | XmlElement | undefined {
  if (path === '') return elementValue(root);
  const segments = (path.startsWith('/') ? path.slice(1) : path).split('/');
  let attribute: string | undefined;
  const last = segments[segments.length - 1];
  if (last.startsWith('@')) {
    attribute = last.slice(1);
    segments.pop();
  } else if (last.includes('@')) {
    const at = last.indexOf('@');
    attribute = last.slice(at + 1);
    segments[segments.length - 1] = last.slice(0, at);
  }
  if (attribute === '' || segments.length === 0) return undefined;

  const [first, ...rest] = segments;
  if (localName(first) !== root.localName) return undefined;
  let current = root;
  for (const segment of rest) {
    const wanted = localName(segment);
    const next = current.children.find((child) => child.localName === wanted);
    if (!next) return undefined;
    current = next;
  }
  return attribute === undefined ? elementValue(current) : attributeValue(current, attribute);
}

/**
 * Why a response_fields / error_message_path value cannot be a path, or undefined when it can.
 * Format is decided by the response, so both forms are accepted: a path with `/` is an XML path
 * (optional leading `/`, no empty segment, `@attribute` only at the end), any other a JSON path
 * (dot-separated, no empty segment). `""` (the root) is the caller's decision.
 */
export function pathSyntaxProblem(path: string): string | undefined {
  if (path === '') return undefined;
  if (path !== path.trim()) return `"${path}" must not start or end with spaces`;
  if (/[\u0000-\u001f\u007f]/.test(path)) return `"${path}" must not contain control characters`;
  if (path.includes('/')) {
    const segments = (path.startsWith('/') ? path.slice(1) : path).split('/');
    const empty = segments.findIndex((s) => s === '');
    if (empty !== -1) return `"${path}" has an empty segment (segment ${empty + 1}); XML paths are tag names joined by single slashes, e.g. user/id`;
    const attribute = segments.findIndex((s) => s.includes('@'));
    if (attribute !== -1) {
      const segment = segments[attribute]!;
      const at = segment.indexOf('@');
      if (attribute !== segments.length - 1 || segment.indexOf('@', at + 1) !== -1 || at === segment.length - 1) {
        return `"${path}" names an attribute wrongly; only the last segment may, as user/@id`;
      }
    }
    return undefined;
  }
  const segments = path.split('.');
  const empty = segments.findIndex((s) => s === '');
  if (empty !== -1) return `"${path}" has an empty segment (segment ${empty + 1}); JSON paths are keys joined by single dots, e.g. error.message`;
  return undefined;
}
