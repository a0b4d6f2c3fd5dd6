import { describe, expect, it } from '@jest/globals';
import { signupRequestSchema, zodIssuesToDetails } from './index.js';

describe('signupRequestSchema', () => {
  it('accepts a complete sign-up and normalises the email', () => {
    const parsed = signupRequestSchema.parse({
      companyName: ' Acme ',
      name: 'Ada',
      email: ' Ada@Example.COM ',
      password: 'correct horse battery',
    });
    expect(parsed.email).toBe('ada@example.com');
    expect(parsed.companyName).toBe('Acme');
  });

  it('names every field that is wrong, at once', () => {
    const result = signupRequestSchema.safeParse({ companyName: '', email: 'nope', password: 'short' });
    expect(result.success).toBe(false);
    const details = zodIssuesToDetails(result.error!.issues);
    expect(details.map((d) => d.path).sort()).toEqual(['companyName', 'email', 'name', 'password']);
    expect(details.find((d) => d.path === 'password')!.message).toMatch(/at least 12 characters/);
  });

  it('refuses a long but guessable password with one message in plain words', () => {
    const result = signupRequestSchema.safeParse({ companyName: 'A', name: 'B', email: 'a@b.co', password: 'password1234' });
    expect(result.success).toBe(false);
    const details = zodIssuesToDetails(result.error!.issues);
    expect(details).toEqual([{ path: 'password', message: expect.stringMatching(/one of the most used passwords/) }]);
  });

  it('says only the length problem for a short password', () => {
    const result = signupRequestSchema.safeParse({ companyName: 'A', name: 'B', email: 'a@b.co', password: 'aaaa' });
    expect(zodIssuesToDetails(result.error!.issues).map((d) => d.message)).toEqual(['password must be at least 12 characters']);
  });

  it('refuses unknown fields', () => {
    const result = signupRequestSchema.safeParse({
      companyName: 'A', name: 'B', email: 'a@b.co', password: 'x'.repeat(12), isAdmin: true,
    });
    expect(result.success).toBe(false);
  });
});
