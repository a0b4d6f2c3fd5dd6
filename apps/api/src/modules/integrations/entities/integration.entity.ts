import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A company's custom integration: its endpoints follow from its selected monitorings. */
@Entity({ name: 'integrations' })
export class Integration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_integrations_company')
  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ type: 'text', default: 'custom' })
  kind: 'custom';

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Refuse pushed records with properties their schema does not define (else they are warnings). */
  @Column({ type: 'boolean', default: false })
  strict: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
