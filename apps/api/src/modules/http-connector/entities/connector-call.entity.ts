import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ConnectorCallSource = 'preview' | 'test' | 'scim';

/** One outbound call (retries included) as the call log shows it: never a secret in here. */
@Entity({ name: 'connector_calls' })
export class ConnectorCall {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'connector_id', type: 'uuid' })
  connectorId: string;

  /** A capability key, or `oauth_token` for token requests. */
  @Column({ type: 'text' })
  operation: string;

  @Column({ type: 'text' })
  method: string;

  /** Without userinfo, credential-like query values masked. */
  @Column({ type: 'text' })
  url: string;

  /** The last HTTP status; null when nothing was answered (refused, timeout, network). */
  @Column({ type: 'integer', nullable: true })
  status: number | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  @Column({ type: 'integer', default: 1 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'text' })
  source: ConnectorCallSource;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
