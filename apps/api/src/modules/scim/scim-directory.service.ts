import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ListScimResourcesQuery, ScimGroupListResponse, ScimGroupSummary, ScimUserListResponse, ScimUserSummary } from '@gatehouse/contracts';
import type { Repository } from 'typeorm';
import { HttpConnectorService } from '../http-connector/http-connector.service.js';
import { ScimGroup } from './entities/scim-group.entity.js';
import { ScimUser } from './entities/scim-user.entity.js';

type UserRow = {
  id: string;
  user_name: string;
  display_name: string | null;
  external_id: string | null;
  active: boolean;
  downstream_id: string | null;
  created_at: Date;
  updated_at: Date;
};
type GroupRow = {
  id: string;
  display_name: string;
  external_id: string | null;
  downstream_id: string | null;
  member_count: number;
  created_at: Date;
  updated_at: Date;
};

/** `q` as a LIKE pattern matching anywhere, its own wildcards taken literally. */
const containing = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What an identity provider provisioned through a connector, for admins: the users and groups
 * in the connector's SCIM store with their downstream ids, newest first, searchable. Read only.
 */
@Injectable()
export class ScimDirectory {
  constructor(
    @InjectRepository(ScimUser) private readonly users: Repository<ScimUser>,
    @InjectRepository(ScimGroup) private readonly groups: Repository<ScimGroup>,
    private readonly connectors: HttpConnectorService,
  ) {}

  async listUsers(companyId: string, connectorId: string, query: ListScimResourcesQuery): Promise<ScimUserListResponse> {
    const connector = await this.connectors.getEntity(companyId, connectorId);
    const params: unknown[] = [companyId, connector.id];
    let where = 'company_id = $1 AND connector_id = $2';
    if (query.q) {
      params.push(containing(query.q));
      where += ` AND (user_name_lower LIKE $3 OR lower(external_id) LIKE $3 OR lower(resource->>'displayName') LIKE $3 OR lower(downstream_id) LIKE $3)`;
    }
    const [{ total }] = (await this.users.query(`SELECT count(*)::int AS total FROM scim_users WHERE ${where}`, params)) as [{ total: number }];
    const rows: UserRow[] = await this.users.query(
      `SELECT id, user_name, resource->>'displayName' AS display_name, external_id, active, downstream_id, created_at, updated_at
         FROM scim_users WHERE ${where}
        ORDER BY created_at DESC, id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items: rows.map(toUserSummary), total, page: query.page, pageSize: query.pageSize };
  }

  async listGroups(companyId: string, connectorId: string, query: ListScimResourcesQuery): Promise<ScimGroupListResponse> {
    const connector = await this.connectors.getEntity(companyId, connectorId);
    const params: unknown[] = [companyId, connector.id];
    let where = 'g.company_id = $1 AND g.connector_id = $2';
    if (query.q) {
      params.push(containing(query.q));
      where += ` AND (g.display_name_lower LIKE $3 OR lower(g.external_id) LIKE $3 OR lower(g.downstream_id) LIKE $3)`;
    }
    const [{ total }] = (await this.groups.query(`SELECT count(*)::int AS total FROM scim_groups g WHERE ${where}`, params)) as [{ total: number }];
    const rows: GroupRow[] = await this.groups.query(
      `SELECT g.id, g.display_name, g.external_id, g.downstream_id, g.created_at, g.updated_at,
              (SELECT count(*)::int FROM scim_group_members m WHERE m.group_id = g.id) AS member_count
         FROM scim_groups g WHERE ${where}
        ORDER BY g.created_at DESC, g.id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items: rows.map(toGroupSummary), total, page: query.page, pageSize: query.pageSize };
  }
}

const iso = (d: Date | string) => new Date(d).toISOString();

export const toUserSummary = (r: UserRow): ScimUserSummary => ({
  id: r.id,
  userName: r.user_name,
  displayName: r.display_name,
  externalId: r.external_id,
  active: r.active,
  downstreamId: r.downstream_id,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const toGroupSummary = (r: GroupRow): ScimGroupSummary => ({
  id: r.id,
  displayName: r.display_name,
  externalId: r.external_id,
  downstreamId: r.downstream_id,
  memberCount: Number(r.member_count),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});
