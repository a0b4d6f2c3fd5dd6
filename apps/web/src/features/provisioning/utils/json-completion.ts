// What to suggest at the cursor of the Capabilities, Mappings and context JSON editors. The text
// is usually half-typed, so instead of a parser a forgiving scanner walks up to the cursor and
// reports whether it sits in a property name, a value or inside a string value, and under which
// keys.
import {
  BODY_KINDS,
  CAPABILITY_KEYS,
  HTTP_METHODS,
  MAPPING_FIELDS,
  PLACEHOLDER_NAMES,
  allowedResponseFieldKeys,
  isCapabilityKey,
} from '@gatehouse/mapping';

export type JsonCursor = {
  /** `key`: a property name; `value`: a property value or list item. */
  role: 'key' | 'value';
  /** Keys of the enclosing objects, outermost first (list items add no key). */
  path: string[];
  /** For a value: the property it belongs to (null inside a list). */
  key: string | null;
  /** The cursor is inside a string literal. */
  inString: boolean;
  /** Text typed so far (inside the string, or a bare word). */
  prefix: string;
  /** Where that text starts. */
  from: number;
};

type Frame = { kind: 'object'; key: string | null; state: 'key' | 'colon' | 'value' | 'after' } | { kind: 'array' };

/** Where the cursor is in a (possibly unfinished) JSON text; null outside any object or list. */
export function jsonCursorAt(text: string, pos: number): JsonCursor | null {
  const stack: Frame[] = [];
  const top = () => stack[stack.length - 1];
  const path = () => stack.flatMap((f, i) => (f.kind === 'object' && i < stack.length - 1 && f.key !== null ? [f.key] : []));
  const cursor = (role: JsonCursor['role'], inString: boolean, from: number): JsonCursor => {
    const frame = top()!;
    return { role, path: path(), key: frame.kind === 'object' ? frame.key : null, inString, prefix: text.slice(from, pos), from };
  };
  const roleHere = (): JsonCursor['role'] | null => {
    const frame = top();
    if (!frame) return null;
    if (frame.kind === 'array') return 'value';
    if (frame.state === 'key') return 'key';
    if (frame.state === 'value') return 'value';
    return null;
  };
  const valueDone = () => {
    const frame = top();
    if (frame?.kind === 'object' && frame.state === 'value') frame.state = 'after';
  };

  let i = 0;
  while (i < pos) {
    const c = text[i]!;
    if (c === '"') {
      const start = i + 1;
      let j = start;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= pos) {
        const role = roleHere();
        return role ? cursor(role, true, start) : null;
      }
      const frame = top();
      if (frame?.kind === 'object' && frame.state === 'key') {
        frame.key = decode(text.slice(start, j));
        frame.state = 'colon';
      } else valueDone();
      i = j + 1;
      continue;
    }
    if (/[A-Za-z0-9_.+-]/.test(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_.+-]/.test(text[j]!)) j++;
      if (j >= pos) {
        const role = roleHere();
        return role ? cursor(role, false, i) : null;
      }
      valueDone();
      i = j;
      continue;
    }
    const frame = top();
    if (c === '{' || c === '[') {
      // The container is the value of the enclosing property: its key stays for the path.
      if (frame?.kind === 'object') frame.state = 'after';
      stack.push(c === '{' ? { kind: 'object', key: null, state: 'key' } : { kind: 'array' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ':') {
      if (frame?.kind === 'object') frame.state = 'value';
    } else if (c === ',') {
      if (frame?.kind === 'object') {
        frame.state = 'key';
        frame.key = null;
      }
    }
    i++;
  }
  const role = roleHere();
  return role ? cursor(role, false, pos) : null;
}

function decode(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

export type JsonEditorKind = 'capabilities' | 'mappings' | 'context';

export type CompletionItem = {
  /** What the typed text is matched against. */
  label: string;
  /** Shown in the list instead of the label. */
  displayLabel?: string;
  /** What replaces the typed text. */
  apply: string;
  detail?: string;
  type: 'property' | 'keyword' | 'variable' | 'enum';
};

export type CompletionAnswer = { from: number; options: CompletionItem[] };

/** Fields whose strings may hold {placeholders}. */
const TEMPLATE_FIELDS = new Set(['url_template', 'body_template']);
const TEMPLATE_MAPS = new Set(['headers', 'query_params']);

const CONTEXT_KEYS = ['scim_user', 'scim_patch', 'member_ids', 'integration_user_id', 'group_id', 'group_name', 'group_description'];
const SCIM_USER_KEYS = ['userName', 'displayName', 'name', 'emails', 'active', 'externalId'];

function keys(labels: readonly string[], cursor: JsonCursor, detail?: string): CompletionAnswer {
  return {
    from: cursor.from,
    // In a string only the name is replaced (the closing quote is already there); bare, the quotes and colon come too.
    options: labels.map((label) => ({ label, apply: cursor.inString ? label : `"${label}": `, detail, type: 'property' })),
  };
}

function values(labels: readonly string[], cursor: JsonCursor, type: CompletionItem['type'], quoted = true): CompletionAnswer {
  return {
    from: cursor.from,
    options: labels.map((label) => ({ label, apply: cursor.inString || !quoted ? label : `"${label}"`, type })),
  };
}

/** The unfinished `{name` right before the cursor in a string value, if any. */
function openPlaceholder(cursor: JsonCursor): { from: number; typed: string } | null {
  const m = /\{([a-z_]*)$/.exec(cursor.prefix);
  return m ? { from: cursor.from + m.index + 1, typed: m[1]! } : null;
}

function placeholders(cursor: JsonCursor): CompletionAnswer | null {
  const open = openPlaceholder(cursor);
  if (!open) return null;
  return { from: open.from, options: PLACEHOLDER_NAMES.map((name) => ({ label: name, displayLabel: `{${name}}`, apply: `${name}}`, type: 'variable' })) };
}

/** Suggestions for one editor at a cursor; null when there is nothing useful to offer. */
export function completionsAt(kind: JsonEditorKind, cursor: JsonCursor | null): CompletionAnswer | null {
  if (!cursor) return null;
  const { path, role } = cursor;
  if (kind === 'capabilities') {
    if (path.length !== 0) return null;
    if (role === 'key') return keys(CAPABILITY_KEYS, cursor, 'capability');
    return cursor.inString ? null : values(['true', 'false'], cursor, 'keyword', false);
  }
  if (kind === 'context') {
    if (role === 'key' && path.length === 0) return keys(CONTEXT_KEYS, cursor);
    if (role === 'key' && path.length === 1 && path[0] === 'scim_user') return keys(SCIM_USER_KEYS, cursor);
    return null;
  }

  const [operation, field] = path;
  if (role === 'key') {
    if (path.length === 0) return keys(CAPABILITY_KEYS, cursor, 'operation');
    if (path.length === 1) return keys(MAPPING_FIELDS, cursor, 'mapping field');
    if (path.length === 2 && field === 'response_fields' && isCapabilityKey(operation)) {
      return keys(allowedResponseFieldKeys(operation), cursor, 'response field');
    }
    return null;
  }
  if (path.length === 1) {
    if (cursor.key === 'http_method') return values(HTTP_METHODS, cursor, 'enum');
    if (cursor.key === 'body_kind') return values(BODY_KINDS, cursor, 'enum');
    if (cursor.inString && cursor.key !== null && TEMPLATE_FIELDS.has(cursor.key)) return placeholders(cursor);
    return null;
  }
  if (path.length === 2 && cursor.inString && field !== undefined && TEMPLATE_MAPS.has(field)) return placeholders(cursor);
  return null;
}
