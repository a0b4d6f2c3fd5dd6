import { z } from 'zod';
import { passwordProblem } from './password-policy.js';

export const PASSWORD_MIN_LENGTH = 12;

const email = z
  .string({ error: 'email is required' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'email must be a valid email address, e.g. ada@example.com' }))
  .refine((v) => v.length <= 254, 'email must be at most 254 characters');

export const signupRequestSchema = z.strictObject({
  companyName: z.string({ error: 'companyName is required' }).trim().min(1, 'companyName must not be empty').max(100, 'companyName must be at most 100 characters'),
  name: z.string({ error: 'name is required' }).trim().min(1, 'name must not be empty').max(100, 'name must be at most 100 characters'),
  email,
  password: z
    .string({ error: 'password is required' })
    .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(256, 'password must be at most 256 characters')
    .superRefine((v, ctx) => {
      // Length problems are already said; the rest only matters for a password of a usable length.
      if (v.length < PASSWORD_MIN_LENGTH || v.length > 256) return;
      const problem = passwordProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type SignupRequest = z.infer<typeof signupRequestSchema>;

export const loginRequestSchema = z.strictObject({
  email,
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const meResponseSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.literal('admin') }),
  company: z.object({ id: z.string(), name: z.string() }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/**
 * GET /api/health: `error` (503) when the database does not answer; `degraded` (200) while a part
 * that must not fail silently has failed recently (the connector call log), with the time of
 * its last failure.
 */
export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded', 'error']),
  db: z.enum(['ok', 'error']),
  callLog: z.enum(['ok', 'degraded']),
  callLogLastFailureAt: z.string().nullable(),
});
/** GET /api/health/live: the process answers (nothing else is checked). */
export const healthLiveResponseSchema = z.object({ status: z.literal('ok') });
/** GET /api/health/ready: the database answers (503 and `error` when it does not). */
export const healthReadyResponseSchema = z.object({ status: z.enum(['ok', 'error']), db: z.enum(['ok', 'error']) });
export type HealthLiveResponse = z.infer<typeof healthLiveResponseSchema>;
export type HealthReadyResponse = z.infer<typeof healthReadyResponseSchema>;
export type HealthResponse = z.infer<typeof healthResponseSchema>;
