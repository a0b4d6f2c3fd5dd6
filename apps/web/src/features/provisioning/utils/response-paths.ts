// The "from an example response" helper: every path in a pasted success body that a response
// field could point at, written the way the engine reads them (dots for JSON, slashes from the
// root element for XML), and checked against the engine's own path resolver.
import { parseXml, resolveJsonPath, type XmlElement } from '@gatehouse/mapping';

export type PathOption = {
  path: string;
  /** Short text of what is there. */
  preview: string;
  kind: 'value' | 'array';
};

export type ExampleBody = { format: 'json'; root: unknown } | { format: 'xml'; root: XmlElement };

/** Parses a pasted example (JSON, or XML when it starts with "<"); a message when it cannot. */
export function parseExample(text: string): { ok: true; body: ExampleBody } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Paste an example success response.' };
  if (trimmed.startsWith('<')) {
    try {
      return { ok: true, body: { format: 'xml', root: parseXml(trimmed) } };
    } catch (err) {
      return { ok: false, message: `Not well-formed XML: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  try {
    return { ok: true, body: { format: 'json', root: JSON.parse(trimmed) as unknown } };
  } catch (err) {
    return { ok: false, message: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** Leaf values (and arrays) of a JSON document; the first element stands for each array's items. */
export function jsonPathOptions(root: unknown, maxDepth = 8): PathOption[] {
  const out: PathOption[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (depth > maxDepth) return;
    if (Array.isArray(value)) {
      out.push({ path, preview: `list of ${value.length}`, kind: 'array' });
      if (value.length > 0) walk(value[0], path === '' ? '0' : `${path}.0`, depth + 1);
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`, depth + 1);
      return;
    }
    if (path !== '') out.push({ path, preview: shorten(JSON.stringify(value)), kind: 'value' });
  };
  walk(root, '', 0);
  return out;
}

/** Leaf elements and attributes of an XML document, as slash paths from the root element. */
export function xmlPathOptions(root: XmlElement): PathOption[] {
  const out: PathOption[] = [];
  const seen = new Set<string>();
  const walk = (el: XmlElement, path: string) => {
    for (const [name, value] of Object.entries(el.attributes)) out.push({ path: `${path}/@${name}`, preview: shorten(JSON.stringify(value)), kind: 'value' });
    if (el.children.length === 0) {
      out.push({ path, preview: shorten(JSON.stringify(el.text.trim())), kind: 'value' });
      return;
    }
    for (const child of el.children) {
      const childPath = `${path}/${child.localName}`;
      // The engine follows the first child of a name; later siblings are not reachable by path.
      if (seen.has(childPath)) continue;
      seen.add(childPath);
      walk(child, childPath);
    }
  };
  walk(root, root.localName);
  return out;
}

/**
 * What a response field may be set to from an example. `items` takes an array path ("" for a
 * body that is itself the array); in a list operation the other fields take paths relative to
 * one element of that array; otherwise they take full paths to single values.
 */
export function pathOptionsFor(body: ExampleBody, key: string, list: boolean, itemsPath: string | undefined): PathOption[] | { message: string } {
  if (body.format === 'xml') {
    if (list) return { message: 'List operations read JSON responses only.' };
    return xmlPathOptions(body.root);
  }
  const all = jsonPathOptions(body.root);
  if (key === 'items') {
    const arrays = all.filter((o) => o.kind === 'array' && o.path !== '' && !/(^|\.)\d+(\.|$)/.test(o.path));
    if (Array.isArray(body.root)) arrays.unshift({ path: '', preview: `the whole body: list of ${body.root.length}`, kind: 'array' });
    return arrays.length > 0 ? arrays : { message: 'This example holds no list.' };
  }
  if (!list) return all.filter((o) => o.kind === 'value');
  if (itemsPath === undefined) return { message: 'Pick items first: the path to the list.' };
  const items = resolveJsonPath(body.root, itemsPath);
  if (!Array.isArray(items) || items.length === 0) return { message: `No list with elements at "${itemsPath || 'the whole body'}" in this example.` };
  return jsonPathOptions(items[0]).filter((o) => o.kind === 'value');
}
