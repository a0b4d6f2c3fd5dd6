import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One selected monitoring of an integration, by catalog key (foreign key to monitorings). */
@Entity({ name: 'integration_monitorings' })
export class IntegrationMonitoring {
  @PrimaryColumn({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @Index('ix_integration_monitorings_monitoring')
  @PrimaryColumn({ name: 'monitoring_key', type: 'text' })
  monitoringKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
