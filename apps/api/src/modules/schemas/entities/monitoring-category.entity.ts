import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A catalog category, mirrored from @gatehouse/schemas at start (see CatalogSeeder). */
@Entity({ name: 'monitoring_categories' })
export class MonitoringCategoryEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** Order in the catalog. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'catalog_version', type: 'integer' })
  catalogVersion: number;

  /** Set when the key is no longer in the catalog in force; rows are never deleted. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
