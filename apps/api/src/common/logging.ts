import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/config.js';

/** Anything that can carry a credential is removed before a log line is written. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.api_token',
  '*.apiToken',
  '*.secret',
  '*.token',
  '*.key',
  '*.client_secret',
];

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Request headers an access log line shows as sent. */
const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'content-encoding', 'accept'];
/** Headers that carry a credential: a line shows that one was sent, never its value. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'x-api-key', 'x-csrf-token'];
const REDACTED = '[redacted]';

type LoggedRequest = { id: string; method: string; url: string; headers: Record<string, unknown> };

/**
 * What an access log line says of a request: its id, method and path (the query string can carry
 * filter values and tokens by mistake), the headers that help to tell clients apart, and which
 * credential headers were present. Picking a few headers, rather than writing all of them and
 * redacting some, also keeps the line short and cheap on every request.
 */
export function requestForLog(req: LoggedRequest) {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  for (const name of CREDENTIAL_HEADERS) if (req.headers[name] !== undefined) headers[name] = REDACTED;
  return { id: req.id, method: req.method, path: String(req.url).split('?')[0], headers };
}

/** What an access log line says of a response: its status (headers could hold a Set-Cookie). */
export const responseForLog = (res: { statusCode: number }) => ({ statusCode: res.statusCode });

export function loggerOptions(config: AppConfig, stream?: DestinationStream): Params {
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        redact: { paths: REDACT_PATHS, censor: REDACTED },
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const incoming = req.headers['x-request-id'];
          const id = typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
          res.setHeader('x-request-id', id);
          return id;
        },
        serializers: { req: requestForLog, res: responseForLog },
        customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      },
      stream as DestinationStream,
    ],
  };
}
