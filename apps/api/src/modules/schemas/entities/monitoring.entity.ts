import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A catalog monitoring, mirrored from @gatehouse/schemas; integrations reference its key. */
@Entity({ name: 'monitorings' })
export class MonitoringEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Index('ix_monitorings_category')
  @Column({ name: 'category_key', type: 'text' })
  categoryKey: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'catalog_version', type: 'integer' })
  catalogVersion: number;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
