import type { ConnectorType, IdpProfile } from '@gatehouse/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type { ConnectorType };

/**
 * One outbound integration instance of a company. auth/capabilities/mappings hold exactly what
 * the admin edits (snake_case keys, as documented); the secret is only ever stored encrypted.
 */
@Entity({ name: 'connectors' })
export class Connector {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: ConnectorType;

  @Column({ type: 'boolean', default: false })
  enabled: boolean;

  @Column({ type: 'jsonb', nullable: true })
  auth: Record<string, unknown> | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  capabilities: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  mappings: Record<string, unknown>;

  @Column({ name: 'deactivation_as_delete', type: 'boolean', default: false })
  deactivationAsDelete: boolean;

  @Column({ name: 'allow_insecure_http', type: 'boolean', default: false })
  allowInsecureHttp: boolean;

  /** scim_proxy: the app's SCIM 2.0 base URL the identity provider's requests are forwarded to. */
  @Column({ name: 'scim_base_url', type: 'text', nullable: true })
  scimBaseUrl: string | null;

  /** How SCIM PATCH is answered to the identity provider (IDP_PROFILES in @gatehouse/contracts). */
  @Column({ name: 'idp_profile', type: 'text', default: 'generic' })
  idpProfile: IdpProfile;

  /** AES-256-GCM, see SecretsService; bound to this row's id. */
  @Column({ name: 'secret_ciphertext', type: 'text', nullable: true })
  secretCiphertext: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'last_call_at', type: 'timestamptz', nullable: true })
  lastCallAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Calls recorded since the call log was last trimmed (ConnectorCallLog); bookkeeping only. */
  @Column({ name: 'calls_since_trim', type: 'integer', default: 0, select: false, insert: false, update: false })
  callsSinceTrim?: number;
}
