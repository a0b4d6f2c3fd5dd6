import { z } from 'zod';

// The users and groups an identity provider provisioned through a connector, as admins see them
// (GET /api/connectors/{id}/scim-users and /scim-groups). Read-only: the IdP owns them.

export const SCIM_DIRECTORY_MAX_PAGE_SIZE = 100;
export const SCIM_DIRECTORY_DEFAULT_PAGE_SIZE = 25;

const whole = (field: string, min: number, max?: number) => {
  let n = z.coerce.number({ error: `${field} must be a number` }).int(`${field} must be a whole number`).min(min, `${field} must be at least ${min}`);
  if (max !== undefined) n = n.max(max, `${field} must be at most ${max}`);
  return n;
};

export const listScimResourcesQuerySchema = z.object({
  /** Matches userName / displayName / externalId / downstream id (users), displayName / externalId / downstream id (groups), ignoring case. */
  q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
  page: whole('page', 1).default(1),
  pageSize: whole('pageSize', 1, SCIM_DIRECTORY_MAX_PAGE_SIZE).default(SCIM_DIRECTORY_DEFAULT_PAGE_SIZE),
});
export type ListScimResourcesQuery = z.infer<typeof listScimResourcesQuerySchema>;

export const scimUserSummarySchema = z.object({
  /** The SCIM id the identity provider knows the user by. */
  id: z.string(),
  userName: z.string(),
  displayName: z.string().nullable(),
  externalId: z.string().nullable(),
  active: z.boolean(),
  /** The app's id for the user; null while the user exists in Gatehouse only. */
  downstreamId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ScimUserSummary = z.infer<typeof scimUserSummarySchema>;

export const scimGroupSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  externalId: z.string().nullable(),
  downstreamId: z.string().nullable(),
  memberCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ScimGroupSummary = z.infer<typeof scimGroupSummarySchema>;

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const scimUserListResponseSchema = page(scimUserSummarySchema);
export type ScimUserListResponse = z.infer<typeof scimUserListResponseSchema>;
export const scimGroupListResponseSchema = page(scimGroupSummarySchema);
export type ScimGroupListResponse = z.infer<typeof scimGroupListResponseSchema>;
