import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { isUuid } from '../../common/tenant.js';
import { ScimGroupMember } from './entities/scim-group-member.entity.js';
import { ScimGroup } from './entities/scim-group.entity.js';
import { ScimUser } from './entities/scim-user.entity.js';
import type { GroupLookup, UserLookup } from './scim-list-query.js';

/** Every query of the SCIM store runs for one company's connector. */
export type ScimScope = { companyId: string; connectorId: string };

export type StoredMember = { groupId: string; userId: string; display: string | null; downstreamId: string | null };

/** A page of rows in (created_at, id) order and the number of rows across all pages. */
export type RowPage<T> = { rows: T[]; total: number };

const UNIQUE_VIOLATION = '23505';

export const isUniqueViolation = (err: unknown): boolean =>
  (err as { code?: string }).code === UNIQUE_VIOLATION || (err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION;

/** Runs a write that takes a unique name: false when another row has the name. */
async function claimed(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/**
 * The scim_users / scim_groups / scim_group_members queries. Every method takes the
 * EntityManager to run on as its first argument: the transaction's inside a unit of work
 * (never another pool connection there), `store.manager` outside one.
 */
@Injectable()
export class ScimStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // ---- users

  /** With `lock`, the row stays locked (FOR UPDATE) until the transaction ends. */
  findUser(em: EntityManager, scope: ScimScope, id: string, lock = false): Promise<ScimUser | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    const qb = this.users(em, scope).andWhere('u.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /**
   * Gives an existing user (locked by this transaction) a new userName unless another user of
   * the connector has it (false then; the transaction must end, as after any failed statement).
   * Like a create's claim, the changed row holds the name until the transaction ends.
   */
  async claimUserName(em: EntityManager, scope: ScimScope, id: string, userName: string): Promise<boolean> {
    return claimed(() =>
      em.query('UPDATE scim_users SET user_name = $4, user_name_lower = $5 WHERE id = $1 AND company_id = $2 AND connector_id = $3', [
        id,
        scope.companyId,
        scope.connectorId,
        userName,
        userName.toLowerCase(),
      ]),
    );
  }

  /**
   * Inserts the user unless its userName is taken in the connector (false then). Inside a
   * transaction the new row holds the name until the transaction ends: a concurrent create of
   * the same name waits for it, then finds the name taken (or free again after a rollback).
   */
  async claimUser(em: EntityManager, row: ScimUser): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO scim_users (id, company_id, connector_id, user_name, user_name_lower, external_id, active, resource, downstream_id, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (connector_id, user_name_lower) DO NOTHING
       RETURNING id`,
      [
        row.id,
        row.companyId,
        row.connectorId,
        row.userName,
        row.userNameLower,
        row.externalId,
        row.active,
        JSON.stringify(row.resource),
        row.downstreamId,
        row.createdAt,
        row.updatedAt,
        row.version,
      ],
    );
    return inserted.length === 1;
  }

  /** Records the downstream app's id of a user this transaction created. */
  async linkUser(em: EntityManager, scope: ScimScope, id: string, downstreamId: string | null): Promise<void> {
    await em.query('UPDATE scim_users SET downstream_id = $4 WHERE id = $1 AND company_id = $2 AND connector_id = $3', [id, scope.companyId, scope.connectorId, downstreamId]);
  }

  async updateUser(em: EntityManager, row: ScimUser): Promise<void> {
    const { id, companyId, connectorId, createdAt: _createdAt, ...changes } = row;
    await em.getRepository(ScimUser).update({ id, companyId, connectorId }, changes as QueryDeepPartialEntity<ScimUser>);
  }

  async deleteUser(em: EntityManager, scope: ScimScope, id: string): Promise<void> {
    await em.getRepository(ScimUser).delete({ id, companyId: scope.companyId, connectorId: scope.connectorId });
  }

  async pageUsers(em: EntityManager, scope: ScimScope, offset: number, limit: number): Promise<RowPage<ScimUser>> {
    const total = await this.users(em, scope).getCount();
    const rows = limit > 0 && offset < total ? await this.ordered(this.users(em, scope), 'u').offset(offset).limit(limit).getMany() : [];
    return { rows, total };
  }

  /** The connector's users a lookup can match (all of them without one), in list order. */
  findUsers(em: EntityManager, scope: ScimScope, lookup: UserLookup | undefined): Promise<ScimUser[]> {
    const qb = this.users(em, scope);
    if (!lookup) return this.ordered(qb, 'u').getMany();
    switch (lookup.by) {
      case 'userName':
        qb.andWhere('u.user_name_lower = :v', { v: lookup.value.toLowerCase() });
        break;
      case 'externalId':
        qb.andWhere('u.external_id = :v', { v: lookup.value });
        break;
      case 'id':
        if (!isUuid(lookup.value)) return Promise.resolve([]);
        qb.andWhere('u.id = :v', { v: lookup.value });
        break;
      case 'email':
        // A pre-selection only: the filter itself is evaluated on the rows afterwards.
        qb.andWhere(
          `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(u.resource->'emails') = 'array' THEN u.resource->'emails' ELSE '[]'::jsonb END) e
                   WHERE lower(e->>'value') = lower(:v))`,
          { v: lookup.value },
        );
        break;
      default: {
        const unreachable: never = lookup.by;
        return unreachable;
      }
    }
    return this.ordered(qb, 'u').getMany();
  }

  usersByIds(em: EntityManager, scope: ScimScope, ids: string[]): Promise<ScimUser[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return Promise.resolve([]);
    return this.users(em, scope).andWhere('u.id IN (:...ids)', { ids: valid }).getMany();
  }

  // ---- groups

  findGroup(em: EntityManager, scope: ScimScope, id: string, lock = false): Promise<ScimGroup | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    const qb = this.groups(em, scope).andWhere('g.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** A group's claim of its displayName, as claimUser does for a userName. */
  async claimGroup(em: EntityManager, row: ScimGroup): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO scim_groups (id, company_id, connector_id, display_name, display_name_lower, external_id, resource, downstream_id, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (connector_id, display_name_lower) DO NOTHING
       RETURNING id`,
      [row.id, row.companyId, row.connectorId, row.displayName, row.displayNameLower, row.externalId, JSON.stringify(row.resource), row.downstreamId, row.createdAt, row.updatedAt, row.version],
    );
    return inserted.length === 1;
  }

  /** Records the downstream app's id of a group this transaction created. */
  async linkGroup(em: EntityManager, scope: ScimScope, id: string, downstreamId: string | null): Promise<void> {
    await em.query('UPDATE scim_groups SET downstream_id = $4 WHERE id = $1 AND company_id = $2 AND connector_id = $3', [id, scope.companyId, scope.connectorId, downstreamId]);
  }

  /** A rename's claim of the new displayName, as claimUserName does for a userName. */
  async claimGroupName(em: EntityManager, scope: ScimScope, id: string, displayName: string): Promise<boolean> {
    return claimed(() =>
      em.query('UPDATE scim_groups SET display_name = $4, display_name_lower = $5 WHERE id = $1 AND company_id = $2 AND connector_id = $3', [
        id,
        scope.companyId,
        scope.connectorId,
        displayName,
        displayName.toLowerCase(),
      ]),
    );
  }

  async updateGroup(em: EntityManager, row: ScimGroup): Promise<void> {
    const { id, companyId, connectorId, createdAt: _createdAt, ...changes } = row;
    await em.getRepository(ScimGroup).update({ id, companyId, connectorId }, changes as QueryDeepPartialEntity<ScimGroup>);
  }

  async deleteGroup(em: EntityManager, scope: ScimScope, id: string): Promise<void> {
    await em.getRepository(ScimGroup).delete({ id, companyId: scope.companyId, connectorId: scope.connectorId });
  }

  async pageGroups(em: EntityManager, scope: ScimScope, offset: number, limit: number): Promise<RowPage<ScimGroup>> {
    const total = await this.groups(em, scope).getCount();
    const rows = limit > 0 && offset < total ? await this.ordered(this.groups(em, scope), 'g').offset(offset).limit(limit).getMany() : [];
    return { rows, total };
  }

  findGroups(em: EntityManager, scope: ScimScope, lookup: GroupLookup | undefined): Promise<ScimGroup[]> {
    const qb = this.groups(em, scope);
    if (!lookup) return this.ordered(qb, 'g').getMany();
    switch (lookup.by) {
      case 'displayName':
        qb.andWhere('g.display_name_lower = :v', { v: lookup.value.toLowerCase() });
        break;
      case 'externalId':
        qb.andWhere('g.external_id = :v', { v: lookup.value });
        break;
      case 'id':
        if (!isUuid(lookup.value)) return Promise.resolve([]);
        qb.andWhere('g.id = :v', { v: lookup.value });
        break;
      default: {
        const unreachable: never = lookup.by;
        return unreachable;
      }
    }
    return this.ordered(qb, 'g').getMany();
  }

  /** Members of the given groups (of this connector), oldest membership first, with each user's downstream id. */
  async membersOf(em: EntityManager, scope: ScimScope, groupIds: string[]): Promise<StoredMember[]> {
    if (groupIds.length === 0) return [];
    const rows: Array<{ group_id: string; user_id: string; display: string | null; downstream_id: string | null }> = await em.query(
      `SELECT m.group_id, m.user_id, m.display, u.downstream_id
         FROM scim_group_members m
         JOIN scim_groups g ON g.id = m.group_id
         JOIN scim_users u ON u.id = m.user_id
        WHERE g.company_id = $1 AND g.connector_id = $2 AND m.group_id = ANY($3::uuid[])
        ORDER BY m.created_at, m.user_id`,
      [scope.companyId, scope.connectorId, groupIds],
    );
    return rows.map((r) => ({ groupId: r.group_id, userId: r.user_id, display: r.display, downstreamId: r.downstream_id }));
  }

  /** Brings a group's membership to `members`: removes the others, adds the new ones, updates labels. */
  async setMembers(em: EntityManager, groupId: string, current: StoredMember[], members: Array<{ userId: string; display: string | null }>): Promise<void> {
    const wanted = new Map(members.map((m) => [m.userId, m.display]));
    const removed = current.filter((m) => !wanted.has(m.userId)).map((m) => m.userId);
    const repo = em.getRepository(ScimGroupMember);
    if (removed.length > 0) await repo.delete({ groupId, userId: In(removed) });
    const known = new Map(current.map((m) => [m.userId, m.display]));
    const added = members.filter((m) => !known.has(m.userId));
    if (added.length > 0) await repo.insert(added.map((m) => ({ groupId, userId: m.userId, display: m.display })));
    for (const m of members) {
      if (known.has(m.userId) && known.get(m.userId) !== m.display) await repo.update({ groupId, userId: m.userId }, { display: m.display });
    }
  }

  private users(em: EntityManager, scope: ScimScope): SelectQueryBuilder<ScimUser> {
    return em
      .getRepository(ScimUser)
      .createQueryBuilder('u')
      .where('u.company_id = :companyId AND u.connector_id = :connectorId', { companyId: scope.companyId, connectorId: scope.connectorId });
  }

  private groups(em: EntityManager, scope: ScimScope): SelectQueryBuilder<ScimGroup> {
    return em
      .getRepository(ScimGroup)
      .createQueryBuilder('g')
      .where('g.company_id = :companyId AND g.connector_id = :connectorId', { companyId: scope.companyId, connectorId: scope.connectorId });
  }

  private ordered<T extends ScimUser | ScimGroup>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.orderBy(`${alias}.created_at`, 'ASC').addOrderBy(`${alias}.id`, 'ASC');
  }
}
