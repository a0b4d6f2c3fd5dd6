import type { IngestValidationError, SubmissionStatus } from '@gatehouse/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One push to one context of an integration, accepted (its records are a snapshot) or refused. */
@Entity({ name: 'ingest_submissions' })
export class IngestSubmission {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @Column({ name: 'context_key', type: 'text' })
  contextKey: string;

  @Column({ type: 'text' })
  status: SubmissionStatus;

  @Column({ name: 'record_count', type: 'integer' })
  recordCount: number;

  @Column({ name: 'error_count', type: 'integer', default: 0 })
  errorCount: number;

  /** Refused only: the first few problems, never the body. */
  @Column({ name: 'first_errors', type: 'jsonb', nullable: true })
  firstErrors: IngestValidationError[] | null;

  /** Null once the key is deleted; its name stays in apiKeyName. */
  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId: string | null;

  @Column({ name: 'api_key_name', type: 'text' })
  apiKeyName: string;

  /** bigint arrives as a string from the driver; the body limit keeps it far below 2^53. */
  @Column({ name: 'body_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  bodyBytes: number;

  /** SHA-256 of the decompressed body; null when the body was refused before being read. */
  @Column({ name: 'body_sha256', type: 'text', nullable: true })
  bodySha256: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** The answer given, replayed to a retry with the same Idempotency-Key and body. */
  @Column({ type: 'jsonb', nullable: true })
  response: unknown;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
