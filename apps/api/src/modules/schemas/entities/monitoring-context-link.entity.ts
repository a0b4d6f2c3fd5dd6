import { Entity, Column, Index, PrimaryColumn } from 'typeorm';

/** Which contexts feed a monitoring, in the catalog's order. */
@Entity({ name: 'monitoring_context_links' })
export class MonitoringContextLinkEntity {
  @PrimaryColumn({ name: 'monitoring_key', type: 'text' })
  monitoringKey: string;

  @Index('ix_monitoring_context_links_context')
  @PrimaryColumn({ name: 'context_key', type: 'text' })
  contextKey: string;

  @Column({ type: 'integer' })
  position: number;
}
