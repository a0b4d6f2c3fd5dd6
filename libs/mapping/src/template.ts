// Placeholder syntax: Python str.format, restricted to named placeholders from the allowed list,
// with one exception for the braces of JSON bodies. The full rules, as docs/connectors.md states
// them:
//
//   - `{name}` is a placeholder; `name` must be one of PLACEHOLDER_NAMES.
//   - `{{` is a literal `{` and `}}` a literal `}` (str.format's escapes).
//   - Refused, with the character position: empty and positional fields (`{}`, `{0}`),
//     conversions (`{group_name!s}`), format specs (`{group_name:>20}`), attribute or index
//     lookups (`{a.b}`, `{a[0]}`), names not on the list, a `{` that is never closed and a `}`
//     that closes nothing.
//   - JSON structure: a `{` followed by `"` or whitespace opens a JSON object and is sent as it
//     is; so is the `}` that closes it. Inside such an object, outside its string values, `{}` is
//     an empty object and every `}` closes the innermost object. Inside its string values the
//     str.format rules above apply again. This is what keeps every documented body, such as
//     "{\"email\":\"{scim_user_email}\",\"attributes\":{}}", valid as written, where str.format
//     itself would refuse it.
import { PLACEHOLDER_NAMES, isPlaceholderName, type PlaceholderName } from './types.js';

export type TemplateSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'placeholder'; name: string; offset: number };

/** A place where a template breaks the placeholder rules; position counts characters from 1. */
export interface TemplateProblem {
  position: number;
  message: string;
  /** Set when the field is a well-formed name that is not on the allowed list. */
  unknownName?: string;
}

export interface ScannedTemplate {
  segments: TemplateSegment[];
  problems: TemplateProblem[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Index of the `}` closing the field opened at `start`, counting nested braces (as format specs may hold), or -1. */
function fieldEnd(template: string, start: number): number {
  let nested = 0;
  for (let j = start + 1; j < template.length; j++) {
    if (template[j] === '{') nested++;
    else if (template[j] === '}') {
      if (nested === 0) return j;
      nested--;
    }
  }
  return -1;
}

/** Why the field text between `{` and `}` is not an allowed placeholder, or undefined when it is. */
function fieldProblem(field: string): string | undefined {
  const shown = `{${field}}`;
  if (field === '') {
    return `${shown} is an empty placeholder (positional fields are not supported); name a placeholder such as {group_id}, write {{}} for literal braces, or { } for an empty JSON object`;
  }
  if (/^\d+$/.test(field)) return `${shown} is a positional placeholder, which is not supported; name a placeholder such as {group_id}`;
  const name = /^[^!:.[]*/.exec(field)![0];
  const suggestion = IDENTIFIER.test(name) && isPlaceholderName(name) ? `; write {${name}}` : '';
  const bang = field.indexOf('!');
  const colon = field.indexOf(':');
  if (bang !== -1 && (colon === -1 || bang < colon)) {
    return `${shown} uses a conversion (${field.slice(bang, colon === -1 ? undefined : colon)}), which is not supported: values are inserted as they are${suggestion}`;
  }
  if (colon !== -1) {
    return `${shown} uses a format spec (${field.slice(colon)}), which is not supported: values are inserted as they are${suggestion}`;
  }
  if (name !== field) return `${shown} uses an attribute or index lookup, which is not supported${suggestion}`;
  if (/^\d/.test(name)) return `${shown} is a positional placeholder, which is not supported; name a placeholder such as {group_id}`;
  if (!isPlaceholderName(name)) {
    const kind = IDENTIFIER.test(name) ? 'is an unknown placeholder' : 'is not a placeholder name';
    return `${shown} ${kind}; allowed placeholders are: ${PLACEHOLDER_NAMES.join(', ')}`;
  }
  return undefined;
}

/**
 * Splits a template into literal text (escapes already resolved) and placeholders, and lists
 * every place that breaks the rules. Only known placeholder names become placeholder segments.
 */
export function scanTemplate(template: string): ScannedTemplate {
  const segments: TemplateSegment[] = [];
  const problems: TemplateProblem[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') segments.push({ kind: 'literal', text: literal });
    literal = '';
  };
  // JSON objects opened by the structure rule, and whether the scan is inside one of their strings.
  let depth = 0;
  let inString = false;
  let escaped = false;
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    const next = template[i + 1];
    const structural = depth > 0 && !inString;
    if (depth > 0 && ch !== '{' && ch !== '}') {
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
    }
    if (ch === '{') {
      escaped = false;
      if (next === '{') {
        literal += '{';
        i += 2;
        continue;
      }
      if ((next === '"' || (next !== undefined && /\s/.test(next)) || (structural && next === '}')) && !(depth > 0 && inString)) {
        literal += '{';
        depth++;
        i += 1;
        continue;
      }
      const end = fieldEnd(template, i);
      if (end === -1) {
        problems.push({ position: i + 1, message: `"{" is never closed; write {{ for a literal brace` });
        literal += template.slice(i);
        break;
      }
      const field = template.slice(i + 1, end);
      const problem = fieldProblem(field);
      if (problem) {
        const unknownName = IDENTIFIER.test(field) ? field : undefined;
        problems.push({ position: i + 1, message: problem, ...(unknownName ? { unknownName } : {}) });
        literal += template.slice(i, end + 1);
      } else {
        flush();
        segments.push({ kind: 'placeholder', name: field, offset: i });
      }
      i = end + 1;
      continue;
    }
    if (ch === '}') {
      escaped = false;
      if (structural) {
        literal += '}';
        depth--;
        i += 1;
        continue;
      }
      if (next === '}') {
        literal += '}';
        i += 2;
        continue;
      }
      problems.push({ position: i + 1, message: `"}" closes nothing; write }} for a literal brace` });
    }
    literal += ch;
    i += 1;
  }
  flush();
  return { segments, problems };
}

/** The template's literal text and placeholders (see scanTemplate; problems are left out). */
export function parseTemplate(template: string): TemplateSegment[] {
  return scanTemplate(template).segments;
}

/** Every place where a template breaks the placeholder rules, in order. */
export function templateProblems(template: string): TemplateProblem[] {
  return scanTemplate(template).problems;
}

/** One problem as a message that says where: "at character 12: {0} is a positional placeholder...". */
export function templateProblemMessage(problem: TemplateProblem): string {
  return `at character ${problem.position}: ${problem.message}`;
}

/** Names of placeholders used in a template, in order of appearance, without duplicates. */
export function placeholdersIn(template: string): string[] {
  const names = parseTemplate(template)
    .filter((s): s is Extract<TemplateSegment, { kind: 'placeholder' }> => s.kind === 'placeholder')
    .map((s) => s.name);
  return [...new Set(names)];
}

/** Names in `{identifier}` fields of a template that are not on the allowed list. */
export function unknownPlaceholders(template: string): string[] {
  const names = scanTemplate(template)
    .problems.map((p) => p.unknownName)
    .filter((n): n is string => n !== undefined);
  return [...new Set(names)];
}

export function unknownPlaceholderMessage(names: readonly string[]): string {
  const list = names.map((n) => `{${n}}`).join(', ');
  return `unknown placeholder ${list}; allowed placeholders are: ${PLACEHOLDER_NAMES.join(', ')}`;
}

/** Narrowing helper for renderers: a placeholder segment whose name is known. */
export function knownName(name: string): PlaceholderName | undefined {
  return isPlaceholderName(name) ? name : undefined;
}
