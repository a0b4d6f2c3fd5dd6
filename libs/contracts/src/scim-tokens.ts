import { z } from 'zod';

// The IdP-facing SCIM token of a connector (POST/GET /api/connectors/{id}/scim-token).

/** Issued (or rotated): the token is in this answer only; any previous token stops working. */
export const scimTokenIssuedResponseSchema = z.object({
  token: z.string(),
  /** `{PUBLIC_URL}/scim/v2/{connectorId}`: the tenant / base URL to enter in the identity provider. */
  baseUrl: z.string(),
  createdAt: z.string(),
});
export type ScimTokenIssuedResponse = z.infer<typeof scimTokenIssuedResponseSchema>;

export const scimTokenStatusResponseSchema = z.object({
  hasToken: z.boolean(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  baseUrl: z.string(),
});
export type ScimTokenStatusResponse = z.infer<typeof scimTokenStatusResponseSchema>;
