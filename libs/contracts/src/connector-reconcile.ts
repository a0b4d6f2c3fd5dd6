import { z } from 'zod';
import { unknownFields } from './connectors.js';

// "Import accounts" on a Custom HTTP connector (POST /api/connectors/{id}/reconcile and
// /reconcile/link): the app's accounts, read with list_users / list_groups, set against the
// users and groups the identity provider provisioned, for an access review.

/** An app user as list_users read it through response_fields (keys the mapping leaves out are absent). */
export const appAccountSchema = z.object({
  id: z.string(),
  userName: z.string().optional(),
  email: z.string().optional(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
});
export type AppAccount = z.infer<typeof appAccountSchema>;

/** An app group as list_groups read it. */
export const appGroupSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  slug: z.string().optional(),
  member_count: z.number().optional(),
});
export type AppGroup = z.infer<typeof appGroupSchema>;

export const reconcileScimUserSchema = z.object({
  /** The SCIM id the identity provider knows the user by. */
  id: z.string(),
  userName: z.string(),
  displayName: z.string().nullable(),
  emails: z.array(z.string()),
  active: z.boolean(),
  /** The app account later SCIM changes go to; null while the user exists in Gatehouse only. */
  downstreamId: z.string().nullable(),
});
export type ReconcileScimUser = z.infer<typeof reconcileScimUserSchema>;

export const reconcileScimGroupSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  downstreamId: z.string().nullable(),
});
export type ReconcileScimGroup = z.infer<typeof reconcileScimGroupSchema>;

/**
 * Why a pair is shown as one: `userName` / `email` / `name` by the account-match rule, or
 * `downstreamId` when only the stored link pairs them (the app's values no longer match).
 */
export const USER_PAIR_REASONS = ['userName', 'email', 'downstreamId'] as const;
export const GROUP_PAIR_REASONS = ['name', 'downstreamId'] as const;

export const matchedUserSchema = z.object({
  scimUser: reconcileScimUserSchema,
  account: appAccountSchema,
  reason: z.enum(USER_PAIR_REASONS),
  /** The user's downstream id is this account: later SCIM changes go to it. Else it can be linked. */
  linked: z.boolean(),
});
export type MatchedUser = z.infer<typeof matchedUserSchema>;

export const matchedGroupSchema = z.object({
  scimGroup: reconcileScimGroupSchema,
  account: appGroupSchema,
  reason: z.enum(GROUP_PAIR_REASONS),
  linked: z.boolean(),
});
export type MatchedGroup = z.infer<typeof matchedGroupSchema>;

export const reconcileUsersSchema = z.object({
  matched: z.array(matchedUserSchema),
  onlyInApp: z.array(appAccountSchema),
  onlyInIdp: z.array(reconcileScimUserSchema),
});
export type ReconcileUsers = z.infer<typeof reconcileUsersSchema>;

export const reconcileGroupsSchema = z.object({
  matched: z.array(matchedGroupSchema),
  onlyInApp: z.array(appGroupSchema),
  onlyInIdp: z.array(reconcileScimGroupSchema),
});
export type ReconcileGroups = z.infer<typeof reconcileGroupsSchema>;

export const reconcileResponseSchema = z.object({
  /** null when list_users is off (a note says so). */
  users: reconcileUsersSchema.nullable(),
  /** null when list_groups is off (a note says so). */
  groups: reconcileGroupsSchema.nullable(),
  /** What the reader should know: capabilities that are off, one page only, filters in the list mapping. */
  notes: z.array(z.string()),
  importedAt: z.string(),
});
export type ReconcileResponse = z.infer<typeof reconcileResponseSchema>;

const id = (field: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(1000, `${field} must be at most 1000 characters`);

/** Sets the downstream id of one provisioned user or group: exactly one of scimUserId / scimGroupId. */
export const reconcileLinkRequestSchema = z
  .strictObject(
    {
      scimUserId: id('scimUserId').optional(),
      scimGroupId: id('scimGroupId').optional(),
      /** The app account's id, as the import listed it. */
      downstreamId: id('downstreamId'),
    },
    { error: unknownFields('scimUserId or scimGroupId, downstreamId') },
  )
  .superRefine((value, ctx) => {
    if ((value.scimUserId === undefined) === (value.scimGroupId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['scimUserId'], message: 'send exactly one of scimUserId (a provisioned user) or scimGroupId (a provisioned group)' });
    }
  });
export type ReconcileLinkRequest = z.infer<typeof reconcileLinkRequestSchema>;

export const reconcileLinkResponseSchema = z.object({
  kind: z.enum(['user', 'group']),
  /** The SCIM id of the user or group. */
  id: z.string(),
  downstreamId: z.string(),
  /** The account it was linked to before, if any. */
  previousDownstreamId: z.string().nullable(),
});
export type ReconcileLinkResponse = z.infer<typeof reconcileLinkResponseSchema>;
