import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The bearer token an identity provider uses for one connector's SCIM base URL. Only its SHA-256 is kept. */
@Entity({ name: 'scim_tokens' })
export class ScimToken {
  @PrimaryColumn({ name: 'connector_id', type: 'uuid' })
  connectorId: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
