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

  /** As sent, secrets masked; null once the row is past the detail kept (ConnectorCallLog). */
  @Column({ name: 'request_headers', type: 'jsonb', nullable: true })
  requestHeaders: Record<string, string> | null;

  /** The first 64 kB, secrets masked. */
  @Column({ name: 'request_body', type: 'text', nullable: true })
  requestBody: string | null;

  @Column({ name: 'request_body_truncated', type: 'boolean', default: false })
  requestBodyTruncated: boolean;

  /** As answered (names lower case), secrets masked; null when nothing was answered. */
  @Column({ name: 'response_headers', type: 'jsonb', nullable: true })
  responseHeaders: Record<string, string> | null;

  /** The first 64 kB, secrets masked. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ name: 'response_body_truncated', type: 'boolean', default: false })
  responseBodyTruncated: boolean;

  /** The SCIM user the call was made for, when it was made for one. */
  @Column({ name: 'scim_user_id', type: 'text', nullable: true })
  scimUserId: string | null;

  @Column({ name: 'scim_group_id', type: 'text', nullable: true })
  scimGroupId: string | null;

  /** Why the call was made, when the request alone does not say (e.g. a lookup after the app answered 409). */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
