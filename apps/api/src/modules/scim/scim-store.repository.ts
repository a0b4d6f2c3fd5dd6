import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { isUuid } from '../../common/tenant.js';
import { queryPrepared } from '../../database/prepared.js';
import { ScimGroup } from './entities/scim-group.entity.js';
import { ScimUser, type PendingOp } from './entities/scim-user.entity.js';
import type { GroupLookup, UserLookup } from './scim-list-query.js';

/** Every query of the SCIM store runs for one company's connector. */
export type ScimScope = { companyId: string; connectorId: string };

export type StoredMember = { groupId: string; userId: string; display: string | null; downstreamId: string | null };

/** A page of rows in (created_at, id) order and the number of rows across all pages. */
export type RowPage<T> = { rows: T[]; total: number };

const UNIQUE_VIOLATION = '23505';

/**
 * Rows one membership statement handles. The embedded engine executes each statement on the
 * API's own event loop, so 10,000 rows in one INSERT would hold it for a third of a second;
 * in batches of this size every other request gets a turn between them.
 */
export const MEMBER_ROWS_PER_STATEMENT = 1000;

function batches<T>(items: T[], size = MEMBER_ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const isUniqueViolation = (err: unknown): boolean =>
  (err as { code?: string }).code === UNIQUE_VIOLATION || (err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION;

const USER_COLUMNS = 'u.id, u.company_id, u.connector_id, u.user_name, u.user_name_lower, u.external_id, u.active, u.resource, u.downstream_id, u.created_at, u.updated_at, u.version, u.pending_op, u.pending_since, u.pending_until, u.last_error';
/** A create the app has not confirmed is the store's, not yet the identity provider's. */
const USER_VISIBLE = "u.pending_op IS DISTINCT FROM 'create'";
const USER_ORDER = 'ORDER BY u.created_at ASC, u.id ASC';

type UserRow = {
  id: string;
  company_id: string;
  connector_id: string;
  user_name: string;
  user_name_lower: string;
  external_id: string | null;
  active: boolean;
  resource: Record<string, unknown>;
  downstream_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
  pending_op: PendingOp | null;
  pending_since: Date | string | null;
  pending_until: Date | string | null;
  last_error: string | null;
};

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

const toScimUser = (r: UserRow): ScimUser => ({
  id: r.id,
  companyId: r.company_id,
  connectorId: r.connector_id,
  userName: r.user_name,
  userNameLower: r.user_name_lower,
  externalId: r.external_id,
  active: r.active,
  resource: r.resource,
  downstreamId: r.downstream_id,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  version: Number(r.version),
  pendingOp: r.pending_op,
  pendingSince: date(r.pending_since),
  pendingUntil: date(r.pending_until),
  lastError: r.last_error,
});

/** The two tables whose rows carry a pending write. */
export type PendingTable = 'scim_users' | 'scim_groups';

/** A row the sweep took over: enough to load its connector and settle it. */
export type AbandonedWrite = {
  table: PendingTable;
  id: string;
  scope: ScimScope;
  op: PendingOp;
  /** userName or displayName the row holds now. */
  name: string;
  resource: Record<string, unknown>;
  pendingSince: Date;
};

const NAME_COLUMNS: Record<PendingTable, { name: string; lower: string; attribute: string }> = {
  scim_users: { name: 'user_name', lower: 'user_name_lower', attribute: 'userName' },
  scim_groups: { name: 'display_name', lower: 'display_name_lower', attribute: 'displayName' },
};

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
  async findUser(em: EntityManager, scope: ScimScope, id: string, lock = false): Promise<ScimUser | null> {
    if (!isUuid(id)) return null;
    const rows = await this.selectUsers(em, scope, 'u.id = $3', [id], lock ? ' FOR UPDATE' : '');
    return rows[0] ?? null;
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
  async claimUser(em: EntityManager, row: ScimUser, leaseMs: number | null = null): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO scim_users (id, company_id, connector_id, user_name, user_name_lower, external_id, active, resource, downstream_id, created_at, updated_at, version,
                               pending_op, pending_since, pending_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
               CASE WHEN $13::int IS NULL THEN NULL ELSE 'create' END,
               CASE WHEN $13::int IS NULL THEN NULL ELSE now() END,
               CASE WHEN $13::int IS NULL THEN NULL ELSE now() + $13::int * interval '1 millisecond' END)
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
        leaseMs,
      ],
    );
    return inserted.length === 1;
  }

  /** The connector's user holding a userName, a pending create included. */
  async findUserByName(em: EntityManager, scope: ScimScope, userName: string): Promise<ScimUser | null> {
    const rows = await this.selectUsers(em, scope, 'u.user_name_lower = $3', [userName.toLowerCase()], '', [], true);
    return rows[0] ?? null;
  }

  /** A user row whatever its state (pending creates included), for settling a pending write. */
  async findAnyUser(em: EntityManager, scope: ScimScope, id: string): Promise<ScimUser | null> {
    if (!isUuid(id)) return null;
    const rows = await this.selectUsers(em, scope, 'u.id = $3', [id], '', [], true);
    return rows[0] ?? null;
  }

  async updateUser(em: EntityManager, row: ScimUser): Promise<void> {
    const { id, companyId, connectorId, createdAt: _createdAt, ...changes } = row;
    await em.getRepository(ScimUser).update({ id, companyId, connectorId }, changes as QueryDeepPartialEntity<ScimUser>);
  }

  async deleteUser(em: EntityManager, scope: ScimScope, id: string): Promise<void> {
    await em.getRepository(ScimUser).delete({ id, companyId: scope.companyId, connectorId: scope.connectorId });
  }

  async pageUsers(em: EntityManager, scope: ScimScope, offset: number, limit: number): Promise<RowPage<ScimUser>> {
    const counted: Array<{ n: string }> = await em.query(`SELECT count(*) AS n FROM scim_users u WHERE u.company_id = $1 AND u.connector_id = $2 AND ${USER_VISIBLE}`, [
      scope.companyId,
      scope.connectorId,
    ]);
    const total = Number(counted[0]!.n);
    const rows = limit > 0 && offset < total ? await this.selectUsers(em, scope, '', [], ` ${USER_ORDER} OFFSET $3 LIMIT $4`, [offset, limit]) : [];
    return { rows, total };
  }

  /** The connector's users a lookup can match (all of them without one), in list order. */
  findUsers(em: EntityManager, scope: ScimScope, lookup: UserLookup | undefined): Promise<ScimUser[]> {
    if (!lookup) return this.selectUsers(em, scope, '', [], ` ${USER_ORDER}`);
    switch (lookup.by) {
      case 'userName':
        return this.selectUsers(em, scope, 'u.user_name_lower = $3', [lookup.value.toLowerCase()], ` ${USER_ORDER}`);
      case 'externalId':
        return this.selectUsers(em, scope, 'u.external_id = $3', [lookup.value], ` ${USER_ORDER}`);
      case 'id':
        if (!isUuid(lookup.value)) return Promise.resolve([]);
        return this.selectUsers(em, scope, 'u.id = $3', [lookup.value], ` ${USER_ORDER}`);
      case 'email':
        // A pre-selection only: the filter itself is evaluated on the rows afterwards.
        return this.selectUsers(
          em,
          scope,
          `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(u.resource->'emails') = 'array' THEN u.resource->'emails' ELSE '[]'::jsonb END) e
                   WHERE lower(e->>'value') = lower($3))`,
          [lookup.value],
          ` ${USER_ORDER}`,
        );
      default: {
        const unreachable: never = lookup.by;
        return unreachable;
      }
    }
  }

  /**
   * The downstream ids of those of `ids` that are users of this connector. Only the two columns:
   * a group of 10,000 members must not read (and parse) 10,000 user documents to learn them.
   */
  async userLinks(em: EntityManager, scope: ScimScope, ids: string[]): Promise<Map<string, string | null>> {
    const links = new Map<string, string | null>();
    for (const batch of batches(ids.filter(isUuid))) {
      const rows: Array<{ id: string; downstream_id: string | null }> = await em.query(
        'SELECT u.id, u.downstream_id FROM scim_users u WHERE u.company_id = $1 AND u.connector_id = $2 AND u.id IN (SELECT x::uuid FROM jsonb_array_elements_text($3::jsonb) AS x)',
        [scope.companyId, scope.connectorId, JSON.stringify(batch)],
      );
      for (const r of rows) links.set(r.id, r.downstream_id);
    }
    return links;
  }

  // ---- groups

  /** A group the identity provider may see (not a pending create); with `lock`, FOR UPDATE. */
  findGroup(em: EntityManager, scope: ScimScope, id: string, lock = false): Promise<ScimGroup | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    const qb = this.groups(em, scope).andWhere('g.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** A group's claim of its displayName, as claimUser does for a userName. */
  async claimGroup(em: EntityManager, row: ScimGroup, leaseMs: number | null = null): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO scim_groups (id, company_id, connector_id, display_name, display_name_lower, external_id, resource, downstream_id, created_at, updated_at, version,
                                pending_op, pending_since, pending_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
               CASE WHEN $12::int IS NULL THEN NULL ELSE 'create' END,
               CASE WHEN $12::int IS NULL THEN NULL ELSE now() END,
               CASE WHEN $12::int IS NULL THEN NULL ELSE now() + $12::int * interval '1 millisecond' END)
       ON CONFLICT (connector_id, display_name_lower) DO NOTHING
       RETURNING id`,
      [row.id, row.companyId, row.connectorId, row.displayName, row.displayNameLower, row.externalId, JSON.stringify(row.resource), row.downstreamId, row.createdAt, row.updatedAt, row.version, leaseMs],
    );
    return inserted.length === 1;
  }

  /** The connector's group holding a displayName, a pending create included. */
  findGroupByName(em: EntityManager, scope: ScimScope, displayName: string): Promise<ScimGroup | null> {
    return this.groups(em, scope, true).andWhere('g.display_name_lower = :v', { v: displayName.toLowerCase() }).getOne();
  }

  /** A group row whatever its state (pending creates included), for settling a pending write. */
  findAnyGroup(em: EntityManager, scope: ScimScope, id: string): Promise<ScimGroup | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.groups(em, scope, true).andWhere('g.id = :id', { id }).getOne();
  }

  // ---- pending writes (claim, call the app, finish; see docs/scim.md)

  /**
   * Marks an existing row (read FOR UPDATE by this transaction) as having a change or delete on
   * its way to the app, unless another attempt holds it (false then). An expired mark of a
   * change or delete is taken over: its request ended without settling it.
   */
  async markPending(em: EntityManager, table: PendingTable, scope: ScimScope, id: string, op: 'change' | 'delete', leaseMs: number): Promise<boolean> {
    const rows = await queryPrepared(
      em,
      `UPDATE ${table} SET pending_op = $4, pending_since = now(), pending_until = now() + $5::int * interval '1 millisecond', last_error = NULL
        WHERE id = $1 AND company_id = $2 AND connector_id = $3
          AND (pending_op IS NULL OR (pending_op <> 'create' AND pending_until < now()))
        RETURNING id`,
      [id, scope.companyId, scope.connectorId, op, leaseMs],
    );
    return rows.length === 1;
  }

  /** Takes over a pending write whose attempt has ended or expired (false when one still holds it). */
  async takeOver(em: EntityManager, table: PendingTable, scope: ScimScope, id: string, leaseMs: number): Promise<boolean> {
    const rows = await queryPrepared(
      em,
      `UPDATE ${table} SET pending_until = now() + $4::int * interval '1 millisecond'
        WHERE id = $1 AND company_id = $2 AND connector_id = $3 AND pending_op IS NOT NULL AND pending_until <= now()
        RETURNING id`,
      [id, scope.companyId, scope.connectorId, leaseMs],
    );
    return rows.length === 1;
  }

  /** A pending create the app confirmed: the row gets the app's id and becomes an ordinary one. */
  async settleCreate(em: EntityManager, table: PendingTable, scope: ScimScope, id: string, downstreamId: string | null): Promise<boolean> {
    const rows = await queryPrepared(
      em,
      `UPDATE ${table} SET downstream_id = $4, pending_op = NULL, pending_since = NULL, pending_until = NULL, last_error = NULL
        WHERE id = $1 AND company_id = $2 AND connector_id = $3 AND pending_op = 'create'
        RETURNING id`,
      [id, scope.companyId, scope.connectorId, downstreamId],
    );
    return rows.length === 1;
  }

  /** A pending create the app did not make (it refused it, or says it has no such account). */
  async dropCreate(em: EntityManager, table: PendingTable, scope: ScimScope, id: string): Promise<void> {
    await em.query(`DELETE FROM ${table} WHERE id = $1 AND company_id = $2 AND connector_id = $3 AND pending_op = 'create'`, [id, scope.companyId, scope.connectorId]);
  }

  /**
   * A pending write whose outcome is unknown stays; its attempt lets go of it (so the identity
   * provider's retry can settle it at once, the sweep after its grace), and the reason is kept
   * for the administrator.
   */
  async leavePending(em: EntityManager, table: PendingTable, scope: ScimScope, id: string, error: string): Promise<void> {
    await em.query(
      `UPDATE ${table} SET last_error = $4, pending_until = clock_timestamp()
        WHERE id = $1 AND company_id = $2 AND connector_id = $3 AND pending_op IS NOT NULL`,
      [id, scope.companyId, scope.connectorId, error.slice(0, 1000)],
    );
  }

  /**
   * Ends a change or delete that did not complete: the row keeps the state the app last
   * confirmed (its resource), a name claimed for a rename goes back to the one in the resource
   * (if nobody took it meanwhile), and `error` says why for the administrator.
   */
  async releasePending(em: EntityManager, table: PendingTable, scope: ScimScope, id: string, error: string | null): Promise<void> {
    const { name, lower, attribute } = NAME_COLUMNS[table];
    const release = (restore: boolean) =>
      queryPrepared(
        em,
        `UPDATE ${table} t SET pending_op = NULL, pending_since = NULL, pending_until = NULL, last_error = $4${
          restore
            ? `, ${name} = COALESCE(t.resource->>'${attribute}', t.${name}), ${lower} = COALESCE(lower(t.resource->>'${attribute}'), t.${lower})`
            : ''
        }
          WHERE t.id = $1 AND t.company_id = $2 AND t.connector_id = $3 AND t.pending_op IN ('change', 'delete')`,
        [id, scope.companyId, scope.connectorId, error?.slice(0, 1000) ?? null],
      );
    try {
      await release(true);
    } catch (err) {
      // The old name was taken meanwhile: the row keeps the new one (the app may have it too).
      if (!isUniqueViolation(err) || em.queryRunner?.isTransactionActive) throw err;
      await release(false);
    }
  }

  /**
   * Takes over up to `limit` pending writes whose attempt ended (or expired) more than `graceMs`
   * ago without settling them, across every company (each row is then settled within its own
   * connector). The grace leaves a just-failed write to the identity provider's retry first.
   * The rows are claimed in one short statement (FOR UPDATE SKIP LOCKED, then a new lease), so
   * two processes sweeping at once never take the same row.
   */
  async takeAbandoned(em: EntityManager, table: PendingTable, limit: number, leaseMs: number, graceMs: number): Promise<AbandonedWrite[]> {
    const { name } = NAME_COLUMNS[table];
    const rows = await queryPrepared<{ id: string; company_id: string; connector_id: string; pending_op: PendingOp; name: string; resource: Record<string, unknown>; pending_since: Date | string }>(
      em,
        `UPDATE ${table} t SET pending_until = now() + $2::int * interval '1 millisecond'
          WHERE t.id IN (SELECT p.id FROM ${table} p
                          WHERE p.pending_op IS NOT NULL AND p.pending_until < now() - $3::int * interval '1 millisecond'
                          ORDER BY p.pending_until LIMIT $1 FOR UPDATE SKIP LOCKED)
            AND t.pending_op IS NOT NULL
          RETURNING t.id, t.company_id, t.connector_id, t.pending_op, t.${name} AS name, t.resource, t.pending_since`,
        [limit, leaseMs, graceMs],
      );
    return rows.map((r) => ({
      table,
      id: r.id,
      scope: { companyId: r.company_id, connectorId: r.connector_id },
      op: r.pending_op,
      name: r.name,
      resource: r.resource,
      pendingSince: new Date(r.pending_since),
    }));
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

  /**
   * Brings a group's membership to `members`: removes the others, adds the new ones, updates
   * labels. One statement per kind of change, whatever the number of members: a group of
   * 10,000 members is three statements, not 10,000 (nor TypeORM's per-row work on the loop).
   * Lists go as one JSON text each, which the driver sends as is (its array encoding walks
   * every element on the event loop).
   */
  async setMembers(em: EntityManager, groupId: string, current: StoredMember[], members: Array<{ userId: string; display: string | null }>): Promise<void> {
    const wanted = new Map(members.map((m) => [m.userId, m.display]));
    const removed = current.filter((m) => !wanted.has(m.userId)).map((m) => m.userId);
    for (const batch of batches(removed)) {
      await em.query('DELETE FROM scim_group_members WHERE group_id = $1 AND user_id IN (SELECT u::uuid FROM jsonb_array_elements_text($2::jsonb) AS u)', [groupId, JSON.stringify(batch)]);
    }
    const known = new Map(current.map((m) => [m.userId, m.display]));
    const rows = (list: Array<{ userId: string; display: string | null }>) => JSON.stringify(list.map((m) => ({ u: m.userId, d: m.display })));
    for (const batch of batches(members.filter((m) => !known.has(m.userId)))) {
      await em.query('INSERT INTO scim_group_members (group_id, user_id, display) SELECT $1, t.u, t.d FROM jsonb_to_recordset($2::jsonb) AS t(u uuid, d text)', [groupId, rows(batch)]);
    }
    for (const batch of batches(members.filter((m) => known.has(m.userId) && known.get(m.userId) !== m.display))) {
      await em.query('UPDATE scim_group_members m SET display = t.d FROM jsonb_to_recordset($2::jsonb) AS t(u uuid, d text) WHERE m.group_id = $1 AND m.user_id = t.u', [groupId, rows(batch)]);
    }
  }

  // ---- links an administrator sets (Import accounts)

  /**
   * Holds the connector's links until the transaction ends (its row, FOR UPDATE), so two links
   * of the same app account to different rows cannot both pass the check below.
   */
  async lockLinks(em: EntityManager, scope: ScimScope): Promise<void> {
    await em.query('SELECT 1 FROM connectors WHERE id = $1 AND company_id = $2 FOR UPDATE', [scope.connectorId, scope.companyId]);
  }

  /** Another row of the connector already linked to `downstreamId` (its id and name), if any. */
  async linkedElsewhere(em: EntityManager, table: PendingTable, scope: ScimScope, downstreamId: string, exceptId: string): Promise<{ id: string; name: string } | null> {
    const { name } = NAME_COLUMNS[table];
    const rows: Array<{ id: string; name: string }> = await em.query(
      `SELECT t.id, t.${name} AS name FROM ${table} t WHERE t.company_id = $1 AND t.connector_id = $2 AND t.downstream_id = $3 AND t.id <> $4 ORDER BY t.created_at LIMIT 1`,
      [scope.companyId, scope.connectorId, downstreamId, exceptId],
    );
    return rows[0] ?? null;
  }

  /**
   * Points a row at an account the app already has: later SCIM changes go to that id. Only a
   * row with no write on its way to the app (false otherwise); the SCIM resource, its version and
   * lastModified stay as they are (the identity provider changed nothing).
   */
  async setLink(em: EntityManager, table: PendingTable, scope: ScimScope, id: string, downstreamId: string): Promise<boolean> {
    const rows = await queryPrepared(
      em,
      `UPDATE ${table} SET downstream_id = $4 WHERE id = $1 AND company_id = $2 AND connector_id = $3 AND pending_op IS NULL RETURNING id`,
      [id, scope.companyId, scope.connectorId, downstreamId],
    );
    return rows.length === 1;
  }

  /**
   * The connector's users matching `where` (parameters from $3 on, then those of `suffix`). Plain
   * SQL: these reads answer most identity-provider requests, and building them through the query
   * builder cost more than running them.
   */
  private async selectUsers(em: EntityManager, scope: ScimScope, where: string, params: unknown[], suffix = '', suffixParams: unknown[] = [], withPending = false): Promise<ScimUser[]> {
    const conditions = [where, withPending ? '' : USER_VISIBLE].filter(Boolean).map((c) => ` AND ${c}`).join('');
    const rows = await queryPrepared<UserRow>(
      em,
      `SELECT ${USER_COLUMNS} FROM scim_users u WHERE u.company_id = $1 AND u.connector_id = $2${conditions}${suffix}`,
      [scope.companyId, scope.connectorId, ...params, ...suffixParams],
    );
    return rows.map(toScimUser);
  }

  private groups(em: EntityManager, scope: ScimScope, withPending = false): SelectQueryBuilder<ScimGroup> {
    const qb = em
      .getRepository(ScimGroup)
      .createQueryBuilder('g')
      .where('g.company_id = :companyId AND g.connector_id = :connectorId', { companyId: scope.companyId, connectorId: scope.connectorId });
    return withPending ? qb : qb.andWhere("g.pending_op IS DISTINCT FROM 'create'");
  }

  private ordered<T extends ScimUser | ScimGroup>(qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return qb.orderBy(`${alias}.created_at`, 'ASC').addOrderBy(`${alias}.id`, 'ASC');
  }
}
