import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

/**
 * How a route authenticates. Routes without this metadata require an admin session: secure by
 * default. Anything else must say so here, and test/routes-guarded.e2e-spec.ts lists them.
 */
export type AuthKind = 'session' | 'public' | 'api-key' | 'scim-token';
export const AUTH_KIND = 'gatehouse:auth-kind';
export const Auth = (kind: AuthKind) => SetMetadata(AUTH_KIND, kind);
export const Public = () => Auth('public');

export type SessionContext = { kind: 'session'; sessionId: string; userId: string; companyId: string };

export type AuthedRequest = Request & { auth?: SessionContext };
