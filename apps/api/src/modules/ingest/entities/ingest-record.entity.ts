import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One record of an accepted submission, in its original position. Written in bulk with plain
 * SQL (see IngestRepository); the entity documents the table and serves reads.
 */
@Entity({ name: 'ingest_records' })
export class IngestRecord {
  @PrimaryColumn({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @PrimaryColumn({ type: 'integer' })
  idx: number;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @Column({ name: 'context_key', type: 'text' })
  contextKey: string;

  /** The value of the schema's x-record-key, as text; null when the schema has none. */
  @Column({ name: 'record_key', type: 'text', nullable: true })
  recordKey: string | null;

  /** The record as stored for queries and search: jsonb (numbers normalised, keys reordered). */
  @Column({ type: 'jsonb' })
  data: unknown;

  /**
   * The record's JSON text exactly as it was sent (what the records API returns); null for
   * records stored before it was kept, which are read from `data`.
   */
  @Column({ name: 'raw_json', type: 'text', nullable: true })
  rawJson: string | null;
}
