import type { JsonSchema } from '@gatehouse/schemas';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A monitoring context (one endpoint, one record schema), mirrored from the catalog. */
@Entity({ name: 'monitoring_contexts' })
export class MonitoringContextEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** jsonb reorders object keys: show customers the catalog's own copy, not this one. */
  @Column({ type: 'jsonb' })
  schema: JsonSchema;

  @Column({ name: 'catalog_version', type: 'integer' })
  catalogVersion: number;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
