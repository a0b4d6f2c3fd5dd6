import { MESSAGE_ERROR } from './constants.js';

// The scimType keywords of RFC 7644 §3.12, table 9.
export type ScimErrorType =
  | 'uniqueness'
  | 'invalidFilter'
  | 'invalidPath'
  | 'invalidValue'
  | 'noTarget'
  | 'mutability'
  | 'tooMany'
  | 'invalidSyntax'
  | 'invalidVers'
  | 'sensitive';

export interface ScimErrorBody {
  schemas: [typeof MESSAGE_ERROR];
  // RFC 7644 §3.12 defines status as a string, not a number; IdPs parse it that way.
  status: string;
  scimType?: ScimErrorType;
  detail: string;
}

export class ScimError extends Error {
  readonly status: number;
  readonly scimType?: ScimErrorType;
  readonly detail: string;

  constructor(status: number, detail: string, scimType?: ScimErrorType) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.detail = detail;
    if (scimType !== undefined) this.scimType = scimType;
  }

  toJSON(): ScimErrorBody {
    return toScimErrorBody(this);
  }
}

export function isScimError(err: unknown): err is ScimError {
  return err instanceof ScimError;
}

/** Shorthand for the many 400s the parser and PATCH engine raise. */
export function badRequest(scimType: ScimErrorType, detail: string): ScimError {
  return new ScimError(400, detail, scimType);
}

/**
 * Renders any thrown value as a SCIM error body. Anything that is not a ScimError becomes a
 * generic 500 so internal messages (stack details, SQL) never reach the identity provider.
 */
export function toScimErrorBody(err: unknown): ScimErrorBody {
  if (err instanceof ScimError) {
    const body: ScimErrorBody = { schemas: [MESSAGE_ERROR], status: String(err.status), detail: err.detail };
    if (err.scimType !== undefined) body.scimType = err.scimType;
    return body;
  }
  return { schemas: [MESSAGE_ERROR], status: '500', detail: 'Internal server error' };
}
