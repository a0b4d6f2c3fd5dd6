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
