import { describe, expect, it } from '@jest/globals';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it.each([
    ['correct horse battery staple'],
    ['Tr0ub4dor&3 is not my password'],
    ['mauve lantern 42 quietly'],
    ['zq8!Kp2#wL9$vX'],
    ['ünïcødé påsswörd'],
    ['😀 emoji are fine 😀'],
  ])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeUndefined();
  });

  it.each([
    ['\u0000'.repeat(12), /control characters/],
    ['good password\u0000x', /control characters/],
    ['tab\tseparated pw', /control characters/],
    ['line\nbreak password', /control characters/],
    ['\u007f'.repeat(12), /control characters/],
    ['lone \uD800 surrogate', /not valid text/],
    [' '.repeat(12), /only spaces/],
    ['\u00a0\u2003'.repeat(6), /only spaces/],
    ['aaaaaaaaaaaa', /repeated/],
    ['AAAA aaaa AAAA', /repeated/],
    ['abcabcabcabc', /repeated/],
    ['1234 1234 1234', /repeated/],
    ['123456789012', /in order/],
    ['qwertyuiopas', /in order/],
    ['abcdefghijklm', /in order/],
    ['210987654321', /in order/],
    ['1q2w3e4r5t6y', /in order/],
    ['password1234', /most used/],
    ['Password1234!', /most used/],
    ['!!dragon2024!!', /most used/],
    ['p@ssw0rd2024', /most used/],
    ['iloveyou 2024', /most used/],
    ['leavemealone', /most used/],
    ['administrator', /most used/],
  ])('refuses %j in plain words', (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });
});
