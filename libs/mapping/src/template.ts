// Placeholder syntax.
//
// A placeholder is exactly `{` + identifier + `}`, identifier = [A-Za-z_][A-Za-z0-9_]*.
// Every other brace is literal text. That is what lets the documented JSON bodies such as
// "{\"email\":\"{scim_user_email}\"}" work as written: `{"` is not an identifier, so the JSON
// object's own braces pass through untouched.
//
// There is deliberately NO `{{` / `}}` escape (unlike Python's str.format): a JSON template
// legitimately ends nested objects with `}}` (`{"a":{"b":1}}`), and treating that as an escape
// would silently corrupt it. The price is that the literal text `{identifier}` cannot be written
// in a template; no documented use needs it.
import { PLACEHOLDER_NAMES, isPlaceholderName, type PlaceholderName } from './types.js';

export type TemplateSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'placeholder'; name: string; offset: number };

const PLACEHOLDER_PATTERN = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Splits a template into literal text and placeholders (known or not). */
export function parseTemplate(template: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    const offset = match.index ?? 0;
    if (offset > last) segments.push({ kind: 'literal', text: template.slice(last, offset) });
    segments.push({ kind: 'placeholder', name: match[1], offset });
    last = offset + match[0].length;
  }
  if (last < template.length) segments.push({ kind: 'literal', text: template.slice(last) });
  return segments;
}

/** Names of placeholders used in a template, in order of appearance, without duplicates. */
export function placeholdersIn(template: string): string[] {
  const names = parseTemplate(template)
    .filter((s): s is Extract<TemplateSegment, { kind: 'placeholder' }> => s.kind === 'placeholder')
    .map((s) => s.name);
  return [...new Set(names)];
}

/** Placeholders in a template that are not on the allowed list. */
export function unknownPlaceholders(template: string): string[] {
  return placeholdersIn(template).filter((name) => !isPlaceholderName(name));
}

export function unknownPlaceholderMessage(names: readonly string[]): string {
  const list = names.map((n) => `{${n}}`).join(', ');
  return `unknown placeholder ${list}; allowed placeholders are: ${PLACEHOLDER_NAMES.join(', ')}`;
}

/** Narrowing helper for renderers: a placeholder segment whose name is known. */
export function knownName(name: string): PlaceholderName | undefined {
  return isPlaceholderName(name) ? name : undefined;
}
