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

  it('refuses unknown fields', () => {
    const result = signupRequestSchema.safeParse({
      companyName: 'A', name: 'B', email: 'a@b.co', password: 'x'.repeat(12), isAdmin: true,
    });
    expect(result.success).toBe(false);
  });
});
