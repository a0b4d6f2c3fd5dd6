import { z } from 'zod';
import { CONNECTOR_CALL_SOURCES, unknownFields } from './connectors.js';

/** The call log's filters. Paged newest first with the `nextCursor` of the previous page. */
export const listConnectorCallsQuerySchema = z.strictObject(
  {
    cursor: z.string().max(200, 'cursor is too long: pass the nextCursor of the previous page as it was').optional(),
    operation: z.string().max(100).optional(),
    /** An HTTP status (e.g. 503), a class (`5xx`), `ok` (no error) or `error`. */
    status: z
      .string()
      .regex(/^([1-5]\d\d|[1-5]xx|ok|error)$/i, 'status must be an HTTP status (e.g. 503), a class such as 5xx, ok or error')
      .optional(),
    /** Calls made for this SCIM user (its id in Gatehouse's SCIM store). */
    scimUserId: z.string().max(200).optional(),
    scimGroupId: z.string().max(200).optional(),
    limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit must be at least 1').max(200, 'limit must be at most 200').default(50),
  },
  { error: unknownFields('cursor, operation, status, scimUserId, scimGroupId, limit') },
);
export type ListConnectorCallsQuery = z.infer<typeof listConnectorCallsQuerySchema>;

export const connectorCallResponseSchema = z.object({
  id: z.string(),
  operation: z.string(),
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  durationMs: z.number().int(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  source: z.enum(CONNECTOR_CALL_SOURCES),
  scimUserId: z.string().nullable(),
  scimGroupId: z.string().nullable(),
  /** Why Gatehouse made the call, when the request alone does not say (e.g. the lookup after a 409). */
  note: z.string().nullable(),
  /** Whether the request and answer are still kept (only the newest calls keep them). */
  hasDetail: z.boolean(),
  createdAt: z.string(),
});
export type ConnectorCallResponse = z.infer<typeof connectorCallResponseSchema>;
export const connectorCallListResponseSchema = z.object({
  items: z.array(connectorCallResponseSchema),
  /** Pass as `cursor` for the next, older page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ConnectorCallListResponse = z.infer<typeof connectorCallListResponseSchema>;

/** One call opened: what was sent and what came back, secrets masked, bodies cut at 64 kB. */
export const connectorCallDetailResponseSchema = connectorCallResponseSchema.extend({
  request: z
    .object({ headers: z.record(z.string(), z.string()), body: z.string().nullable(), bodyTruncated: z.boolean() })
    .nullable(),
  /** Null when nothing was answered or the detail is no longer kept. */
  response: z
    .object({ status: z.number().int().nullable(), headers: z.record(z.string(), z.string()), body: z.string().nullable(), bodyTruncated: z.boolean() })
    .nullable(),
});
export type ConnectorCallDetailResponse = z.infer<typeof connectorCallDetailResponseSchema>;

/**
 * Provision on demand: one user through the same path an identity provider's request takes.
 * Either a user already in the connector's SCIM store, or a SCIM user typed in.
 */
export const provisionUserRequestSchema = z
  .strictObject(
    {
      scimUserId: z.string().trim().min(1, 'scimUserId must not be empty').max(200).optional(),
      user: z.record(z.string(), z.unknown(), { error: 'user must be a SCIM user as a JSON object, e.g. {"userName": "ann@example.com"}' }).optional(),
    },
    { error: unknownFields('scimUserId, user') },
  )
  .superRefine((value, ctx) => {
    if ((value.scimUserId === undefined) === (value.user === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'send either scimUserId (a user already provisioned to this connector) or user (a SCIM user to create or update), not both' });
    }
  });
export type ProvisionUserRequest = z.infer<typeof provisionUserRequestSchema>;

export const provisionUserResponseSchema = z.object({
  /** What an identity provider would have sent: POST /Users for a new userName, PUT /Users/{id} for a known one. */
  action: z.enum(['create', 'replace']),
  /** The SCIM answer the identity provider would have received. */
  scim: z.object({ status: z.number().int(), body: z.record(z.string(), z.unknown()) }),
  /** Every call to the application this made, in order, as the call log shows them. */
  calls: z.array(connectorCallDetailResponseSchema),
});
export type ProvisionUserResponse = z.infer<typeof provisionUserResponseSchema>;
