import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A SCIM write the downstream app has not confirmed yet (see docs/scim.md, claim, call, finish). */
export type PendingOp = 'create' | 'change' | 'delete';

/**
 * A user the identity provider provisioned through one connector. `resource` is the canonical
 * SCIM representation without id and meta (those come from the row); `downstreamId` is the
 * downstream app's id for it (integration_user_id), null while the user exists only here.
 */
@Entity({ name: 'scim_users' })
export class ScimUser {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'connector_id', type: 'uuid' })
  connectorId: string;

  @Column({ name: 'user_name', type: 'text' })
  userName: string;

  @Column({ name: 'user_name_lower', type: 'text' })
  userNameLower: string;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ type: 'jsonb' })
  resource: Record<string, unknown>;

  @Column({ name: 'downstream_id', type: 'text', nullable: true })
  downstreamId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer' })
  version: number;

  /**
   * The write on its way to the downstream app, if any: `create` (the app has not confirmed the
   * user yet; such a row is not shown to the identity provider), `change` or `delete`.
   */
  @Column({ name: 'pending_op', type: 'text', nullable: true })
  pendingOp: PendingOp | null;

  @Column({ name: 'pending_since', type: 'timestamptz', nullable: true })
  pendingSince: Date | null;

  /** Until then the attempt that set pendingOp owns it; afterwards a retry or the sweep may settle it. */
  @Column({ name: 'pending_until', type: 'timestamptz', nullable: true })
  pendingUntil: Date | null;

  /** Why the pending write could not be settled the last time it was tried. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
