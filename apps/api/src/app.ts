import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { AllExceptionsFilter } from './common/errors/http-exception.filter.js';
import { compressAnswers } from './common/http/compression.js';
import { requireUtf8Body, SafeTextPipe } from './common/http/safe-text.js';
import { scimBodyParserErrors } from './modules/scim/scim-exception.filter.js';
import { webFiles } from './web-files.js';

export type CreateAppOptions = {
  config: AppConfig;
  databaseUrl: string;
  embeddedDatabase: boolean;
  logStream?: DestinationStream;
  /** Folder of the built web app; defaults to apps/web/dist when it exists. */
  webDist?: string | null;
};

const here = dirname(fileURLToPath(import.meta.url));
// Paths served by the API; everything else falls back to the web app's index.html.
const API_PREFIXES = ['/api', '/external', '/scim'];

export async function createApp(opts: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(opts), { bodyParser: false, bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  setServerTimeouts(app.getHttpServer() as Server);
  // Only the configured proxies may name the client address (X-Forwarded-For); req.ip is what
  // sign-in and sign-up limits count by.
  app.set('trust proxy', opts.config.trustProxy);
  app.disable('x-powered-by');
  // No body-hash ETag on every JSON answer: SCIM declares ETags unsupported (an IdP must not get
  // one to send back), and hashing each answer costs every request. Routes that version their
  // content (the logo) set their own ETag, which conditional requests still honour.
  app.set('etag', false);
  app.use(securityHeaders(opts.config.publicUrl.startsWith('https://')));
  // JSON (and other text) answers of 1 kB or more go out brotli- or gzip-compressed when the
  // client accepts it; streamed answers are left alone (common/http/compression.ts).
  app.use(compressAnswers());
  // Admin API: small JSON bodies. SCIM speaks application/scim+json. The ingest route reads its
  // own (large, possibly gzipped) body stream, so it is left out here.
  // The bytes are kept too, for the routes that must read numbers as written (validate).
  app.use('/api', express.json({ limit: '1mb', type: ['application/json', 'application/*+json'], verify: keepUtf8Body }));
  app.use(
    '/scim',
    express.json({
      limit: '1mb',
      type: ['application/json', 'application/scim+json', 'application/*+json'],
      // A SCIM proxy forwards the body byte for byte, not as re-serialised JSON.
      verify: keepUtf8Body,
    }),
  );
  // Identity providers get body errors (invalid JSON, too large) in SCIM's error form.
  app.use('/scim', scimBodyParserErrors);
  app.useGlobalFilters(new AllExceptionsFilter());
  // NUL, unpaired surrogates and over-deep nesting in any body, query or path parameter: a 400
  // naming the field before validation, the database or any recursive walker sees them.
  app.useGlobalPipes(new SafeTextPipe());
  app.enableShutdownHooks();

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Gatehouse API')
      .setDescription('Admin API (session cookie), evidence ingest (x-api-key) and SCIM 2.0 (bearer token).')
      .setVersion('1')
      .addCookieAuth('gh_session')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
      .addBearerAuth(undefined, 'scim-token')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  const webDist = opts.webDist === undefined ? resolve(here, '../../web/dist') : opts.webDist;
  if (webDist && existsSync(join(webDist, 'index.html'))) serveWeb(app, webDist);
  return app;
}

/**
 * Node's deadline for a whole request (requestTimeout, 5 minutes by default) would cut off a
 * long push that is still sending, so there is none: a client that stops sending is caught
 * instead by the socket inactivity timeout, or on the ingest route by its own idle clock
 * (INGEST_IDLE_TIMEOUT_SECONDS, which does not count time the body waits on the server).
 */
export const SERVER_TIMEOUTS = {
  /** All headers of a request must arrive within this. */
  headersMs: 30_000,
  /** A connection on which nothing moves in either direction for this long during a request is closed. */
  idleSocketMs: 120_000,
};

/** Refuses a body that is not UTF-8 (see requireUtf8Body) and keeps its bytes as `rawBody`. */
function keepUtf8Body(req: Request, res: Response, buf: Buffer): void {
  requireUtf8Body(req, res, buf);
  (req as Request & { rawBody?: Buffer }).rawBody = buf;
}

function setServerTimeouts(server: Server) {
  server.requestTimeout = 0;
  server.headersTimeout = SERVER_TIMEOUTS.headersMs;
  server.timeout = SERVER_TIMEOUTS.idleSocketMs;
}

/** Written into index.html by the web build (vite `html.cspNonce`); replaced per response. */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * The web app's Content-Security-Policy: everything from this origin, nothing inline. Styles that
 * the component library (Mantine) and the code editor put into <style> elements carry the
 * per-response nonce, which the page reads from its csp-nonce meta tag. 'unsafe-eval' is there
 * for one reason: the web app checks files against an integration's JSON Schema in the browser
 * with Ajv, which compiles each schema to a function (docs/security.md); inline script stays refused.
 */
export function webContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function serveWeb(app: NestExpressApplication, webDist: string) {
  const indexHtml = readFileSync(join(webDist, 'index.html'), 'utf8');
  const files = webFiles(webDist, (res) => res.setHeader('Content-Security-Policy', webContentSecurityPolicy(randomBytes(18).toString('base64'))));
  const sendIndex = (res: Response) => {
    const nonce = randomBytes(18).toString('base64');
    res.setHeader('Content-Security-Policy', webContentSecurityPolicy(nonce));
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(indexHtml.replaceAll(NONCE_PLACEHOLDER, nonce));
  };
  // API requests never reach the web app's files (a file named like an API path must not shadow
  // the route).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    // index.html always goes out with a fresh nonce, never as the file on disk.
    if ((req.method === 'GET' || req.method === 'HEAD') && req.path === '/index.html') return sendIndex(res);
    files(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    sendIndex(res);
  });
}

const isApiPath = (path: string) => API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

/** A year, the value HSTS preload lists ask for. Sibling hosts are not included: they may not be https. */
export const HSTS = 'max-age=31536000';

function securityHeaders(https: boolean) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    // Browsers honour this only from an https answer; PUBLIC_URL says the server is reached so.
    if (https) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
}
