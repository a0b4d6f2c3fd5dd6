import { Column, Entity, PrimaryColumn } from 'typeorm';

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
}
