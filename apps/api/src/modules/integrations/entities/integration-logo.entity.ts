import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IntegrationLogoMediaType } from '@gatehouse/contracts';

/** The logo of an integration, apart from the integration row so lists never read the bytes. */
@Entity({ name: 'integration_logos' })
export class IntegrationLogo {
  @PrimaryColumn({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  /** Detected from the bytes, never taken from the client. */
  @Column({ name: 'media_type', type: 'text' })
  mediaType: IntegrationLogoMediaType;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  /** Hex SHA-256 of the bytes: the ETag, and the version in the logo URL. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
