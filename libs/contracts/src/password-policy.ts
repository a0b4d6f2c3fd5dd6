import { COMMON_PASSWORDS_TEXT } from './common-passwords.js';

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n').filter(Boolean)));

// Runs of keys or letters in order; a password that is any stretch of one (either way) is refused.
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz',
  '0123456789012345678901234567890123456789',
  'qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
  'q1w2e3r4t5y6u7i8o9p0',
  'qazwsxedcrfvtgbyhnujmikolp',
  '!@#$%^&*()_+',
];
const reversed = (s: string) => [...s].reverse().join('');
const ALL_SEQUENCES = [...SEQUENCES, ...SEQUENCES.map(reversed)];

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't' };

// C0 and C1 control characters (NUL, tab, line breaks, escape, DEL...).
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a new password is refused, in words for the person choosing it, or undefined when it is
 * acceptable. Length is checked by the schema; this refuses passwords that are long enough but
 * still guessed first: control characters, only spaces, one character or a short group repeated,
 * a run of keys in order, and the most used passwords (also with digits or symbols added at
 * either end, or letters swapped for look-alike digits and symbols).
 */
export function passwordProblem(password: string): string | undefined {
  if (CONTROL.test(password)) return 'password must not contain control characters (such as NUL, tab or line breaks)';
  if (LONE_SURROGATE.test(password)) return 'password contains a character that is not valid text';
  if (password.trim() === '') return 'password must not be only spaces';
  const compact = password.toLowerCase().replace(/\s+/gu, '');
  if (/^(.{1,4})\1+$/su.test(compact)) return 'password must not be one character or a short group of characters repeated (like aaaaaaaaaaaa or abcabcabcabc)';
  if (ALL_SEQUENCES.some((s) => s.includes(compact))) return 'password must not be a run of keys or letters in order (like 123456789012 or qwertyuiopas)';
  if (isCommon(compact)) return 'password is one of the most used passwords, which attackers try first; choose something less guessable, such as four or five unrelated words';
  return undefined;
}

function isCommon(compact: string): boolean {
  const list = commonPasswords();
  if (list.has(compact)) return true;
  // "password1234", "!!dragon2024": a common password with digits or symbols around it.
  const core = compact.replace(/^[\p{N}\p{P}\p{S}]+|[\p{N}\p{P}\p{S}]+$/gu, '');
  if (core === '' || core === compact) return list.has(unleet(compact));
  return list.has(core) || list.has(unleet(core));
}

const unleet = (s: string) => s.replace(/[@431!0$57]/g, (c) => LEET[c] ?? c);
