import { isIP } from 'node:net';
import { z } from 'zod';

const bool = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const s = v.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false (got "${v}")` });
      return z.NEVER;
    });

const int = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

/** An IPv4/IPv6 address, optionally with a /prefix, or one of the names Express knows. */
function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'NODE_ENV must be development, production or test' }).default('development'),
  PORT: int('PORT', 3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^/]+(\/.*)?$/.test(v), 'PUBLIC_URL must be an absolute http(s) URL such as https://gatehouse.example.com'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must be a postgres:// URL, e.g. postgres://user:pass@host:5432/db (leave it unset for the embedded database)'),
  DATA_DIR: z.string().min(1).default('.data'),
  DB_POOL_SIZE: int('DB_POOL_SIZE', 10, 1, 200),
  DB_POOL_IDLE_TIMEOUT_MS: int('DB_POOL_IDLE_TIMEOUT_MS', 10_000, 100, 3_600_000),
  SIGNUP_ENABLED: bool('SIGNUP_ENABLED', true),
  SESSION_TTL_HOURS: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
  LOGIN_MAX_ATTEMPTS: int('LOGIN_MAX_ATTEMPTS', 10, 1, 10000),
  LOGIN_MAX_ATTEMPTS_PER_IP: int('LOGIN_MAX_ATTEMPTS_PER_IP', 50, 1, 1_000_000),
  LOGIN_MAX_ATTEMPTS_PER_EMAIL: int('LOGIN_MAX_ATTEMPTS_PER_EMAIL', 100, 1, 1_000_000),
  SIGNUP_MAX_PER_IP: int('SIGNUP_MAX_PER_IP', 10, 1, 1_000_000),
  SIGNUP_MAX_PER_EMAIL: int('SIGNUP_MAX_PER_EMAIL', 3, 1, 1_000_000),
  MAX_API_KEYS_PER_COMPANY: int('MAX_API_KEYS_PER_COMPANY', 100, 1, 100_000),
  MAX_CONNECTORS_PER_COMPANY: int('MAX_CONNECTORS_PER_COMPANY', 200, 1, 100_000),
  TRUST_PROXY: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v.trim() === '' || v.split(',').every((p) => isProxyEntry(p.trim())),
      'TRUST_PROXY must be a comma-separated list of proxy addresses or subnets (e.g. 10.0.0.0/8, 172.16.0.5) or the names loopback, linklocal, uniquelocal',
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  SECRETS_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || Buffer.from(v, 'base64').length === 32, 'SECRETS_KEY must be 32 bytes in base64 (generate one with: openssl rand -base64 32)'),
  ALLOW_PRIVATE_NETWORK_TARGETS: bool('ALLOW_PRIVATE_NETWORK_TARGETS', false),
  INGEST_MAX_BODY_MB: int('INGEST_MAX_BODY_MB', 50, 1, 1024),
  INGEST_RETENTION: int('INGEST_RETENTION', 30, 1, 10000),
  INGEST_RATE_LIMIT_PER_MINUTE: int('INGEST_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
  INGEST_IDLE_TIMEOUT_SECONDS: int('INGEST_IDLE_TIMEOUT_SECONDS', 15, 1, 3600),
  SCIM_SWEEP_INTERVAL_MS: int('SCIM_SWEEP_INTERVAL_MS', 60_000, 0, 24 * 3600 * 1000),
});

export type AppConfig = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  dbPoolSize: number;
  /** How long an unused pooled connection stays open before the pool closes it. */
  dbPoolIdleTimeoutMs: number;
  signupEnabled: boolean;
  sessionTtlHours: number;
  /** Sign-in attempts per (email, client address) per 15 minutes. */
  loginMaxAttempts: number;
  /** Sign-in attempts per client address per 15 minutes, whatever the email. */
  loginMaxAttemptsPerIp: number;
  /** Sign-in attempts per email per hour from addresses that never signed in to it. */
  loginMaxAttemptsPerEmail: number;
  /** Sign-ups per client address per hour. */
  signupMaxPerIp: number;
  /** Sign-ups per email per hour. */
  signupMaxPerEmail: number;
  maxApiKeysPerCompany: number;
  maxConnectorsPerCompany: number;
  /** Proxies whose X-Forwarded-For names the client address (Express 'trust proxy'). */
  trustProxy: string[];
  logLevel: string;
  secretsKey: string | undefined;
  allowPrivateNetworkTargets: boolean;
  ingestMaxBodyBytes: number;
  ingestRetention: number;
  ingestRateLimitPerMinute: number;
  /** A push whose body stops arriving for this long is answered 408 and stores nothing. */
  ingestIdleTimeoutSeconds: number;
  /** How often each API process settles SCIM writes whose outcome in the app is unknown; 0 turns the sweep off. */
  scimSweepIntervalMs: number;
};

/** Thrown when the environment is unusable; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const variable = String(first.path[0] ?? 'environment');
    const message = first.message.startsWith(variable) ? first.message : `${variable}: ${first.message}`;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
    throw new ConfigError(`Invalid configuration: ${message}${more}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL || `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.DATA_DIR,
    dbPoolSize: e.DB_POOL_SIZE,
    dbPoolIdleTimeoutMs: e.DB_POOL_IDLE_TIMEOUT_MS,
    signupEnabled: e.SIGNUP_ENABLED,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginMaxAttemptsPerIp: e.LOGIN_MAX_ATTEMPTS_PER_IP,
    loginMaxAttemptsPerEmail: e.LOGIN_MAX_ATTEMPTS_PER_EMAIL,
    signupMaxPerIp: e.SIGNUP_MAX_PER_IP,
    signupMaxPerEmail: e.SIGNUP_MAX_PER_EMAIL,
    maxApiKeysPerCompany: e.MAX_API_KEYS_PER_COMPANY,
    maxConnectorsPerCompany: e.MAX_CONNECTORS_PER_COMPANY,
    trustProxy: e.TRUST_PROXY?.trim() ? e.TRUST_PROXY.split(',').map((p) => p.trim()) : ['loopback'],
    logLevel: e.LOG_LEVEL,
    secretsKey: e.SECRETS_KEY || undefined,
    allowPrivateNetworkTargets: e.ALLOW_PRIVATE_NETWORK_TARGETS,
    ingestMaxBodyBytes: e.INGEST_MAX_BODY_MB * 1024 * 1024,
    ingestRetention: e.INGEST_RETENTION,
    ingestRateLimitPerMinute: e.INGEST_RATE_LIMIT_PER_MINUTE,
    ingestIdleTimeoutSeconds: e.INGEST_IDLE_TIMEOUT_SECONDS,
    scimSweepIntervalMs: e.SCIM_SWEEP_INTERVAL_MS,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
