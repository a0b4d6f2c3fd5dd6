import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One user in one group; `display` is the label the identity provider sent with the member. */
@Entity({ name: 'scim_group_members' })
export class ScimGroupMember {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text', nullable: true })
  display: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
