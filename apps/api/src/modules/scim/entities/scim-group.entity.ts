import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PendingOp } from './scim-user.entity.js';

/**
 * A group the identity provider provisioned through one connector. `resource` holds the SCIM
 * representation without id, meta and members: membership lives in scim_group_members.
 */
@Entity({ name: 'scim_groups' })
export class ScimGroup {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'connector_id', type: 'uuid' })
  connectorId: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'display_name_lower', type: 'text' })
  displayNameLower: string;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'jsonb' })
  resource: Record<string, unknown>;

  /** The downstream app's group id (group_id), null while the group exists only here. */
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
   * group yet; such a row is not shown to the identity provider), `change` or `delete`.
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
