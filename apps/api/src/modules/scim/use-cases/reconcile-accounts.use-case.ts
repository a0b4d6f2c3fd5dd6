import { Injectable } from '@nestjs/common';
import type { ReconcileLinkRequest, ReconcileLinkResponse, ReconcileResponse } from '@gatehouse/contracts';
import { placeholdersIn, reconcileGroups, reconcileUsers, userMatchKeys, type ReadResult } from '@gatehouse/mapping';
import { ScimError } from '@gatehouse/scim';
import type { Connector } from '../../http-connector/entities/connector.entity.js';
import { HttpConnectorService } from '../../http-connector/http-connector.service.js';
import { CustomHttpDownstream, type Attempt } from '../custom-http-downstream.js';
import { ScimStore, type PendingTable, type ScimScope } from '../scim-store.repository.js';
import { ReconcileErrors } from '../reconcile.errors.js';
import { toAppAccount, toAppGroup, toReconcileGroup, toReconcileUser } from '../reconcile.mapper.js';

type ListOperation = 'list_users' | 'list_groups';

/** Placeholders that describe one user or group: empty in an import, which looks nobody up. */
const PER_RESOURCE = /^(scim_user_|scim_patch_json$|integration_user_id$|group_|member_ids_)/;

/**
 * "Import accounts": the app's users and groups (one list_users / list_groups answer each), set
 * against what the identity provider provisioned through a Custom HTTP connector, and the link
 * of a provisioned user or group to an account the app already has. The app is called with no
 * transaction or connection held; the store is read (or written, in one short transaction) after.
 */
@Injectable()
export class ReconcileAccounts {
  constructor(
    private readonly connectors: HttpConnectorService,
    private readonly downstream: CustomHttpDownstream,
    private readonly store: ScimStore,
  ) {}

  async review(companyId: string, connectorId: string): Promise<ReconcileResponse> {
    const connector = await this.customHttp(companyId, connectorId);
    const scope = { companyId, connectorId: connector.id };
    const notes: string[] = [];
    const appUsers = await this.listed(connector, 'list_users', notes);
    const appGroups = await this.listed(connector, 'list_groups', notes);
    const em = this.store.manager;
    let users: ReconcileResponse['users'] = null;
    if (appUsers !== null) {
      const r = reconcileUsers(await this.store.findUsers(em, scope, undefined), (u) => userMatchKeys(u.resource), appUsers);
      users = {
        matched: r.matched.map((p) => ({ scimUser: toReconcileUser(p.scim), account: toAppAccount(p.account), reason: p.reason, linked: p.linked })),
        onlyInApp: r.onlyInApp.map(toAppAccount),
        onlyInIdp: r.onlyInIdp.map(toReconcileUser),
      };
    }
    let groups: ReconcileResponse['groups'] = null;
    if (appGroups !== null) {
      const r = reconcileGroups(await this.store.findGroups(em, scope, undefined), (g) => g.displayName, appGroups);
      groups = {
        matched: r.matched.map((p) => ({ scimGroup: toReconcileGroup(p.scim), account: toAppGroup(p.account), reason: p.reason, linked: p.linked })),
        onlyInApp: r.onlyInApp.map(toAppGroup),
        onlyInIdp: r.onlyInIdp.map(toReconcileGroup),
      };
    }
    return { users, groups, notes, importedAt: new Date().toISOString() };
  }

  /**
   * Links a provisioned user (or group) to an app account: checked against the app's list first
   * (no connection held), then, in one short transaction, the row must be this connector's,
   * have no write in flight, and the account must not be linked to another row.
   */
  async link(companyId: string, connectorId: string, input: ReconcileLinkRequest): Promise<ReconcileLinkResponse> {
    const connector = await this.customHttp(companyId, connectorId);
    const scope = { companyId, connectorId: connector.id };
    const kind = input.scimUserId !== undefined ? 'user' : 'group';
    const id = (input.scimUserId ?? input.scimGroupId)!;
    const operation: ListOperation = kind === 'user' ? 'list_users' : 'list_groups';
    // A missing row is a 404 before the app is asked.
    await this.current(scope, kind, id);
    if (!this.downstream.enabled(connector, operation)) throw ReconcileErrors.capabilityOff(operation);
    const listed = await this.listed(connector, operation, []);
    if (!listed?.some((a) => a.id === input.downstreamId)) throw ReconcileErrors.notListed(kind, operation, input.downstreamId);
    const table: PendingTable = kind === 'user' ? 'scim_users' : 'scim_groups';
    return this.store.transaction(async (em) => {
      await this.store.lockLinks(em, scope);
      const row = await this.current(scope, kind, id, em);
      const other = await this.store.linkedElsewhere(em, table, scope, input.downstreamId, row.id);
      if (other) throw ReconcileErrors.alreadyLinked(kind, input.downstreamId, other);
      if (!(await this.store.setLink(em, table, scope, row.id, input.downstreamId))) throw ReconcileErrors.busy(kind);
      return { kind, id: row.id, downstreamId: input.downstreamId, previousDownstreamId: row.downstreamId };
    });
  }

  private async current(scope: ScimScope, kind: 'user' | 'group', id: string, em = this.store.manager): Promise<{ id: string; downstreamId: string | null }> {
    const row = kind === 'user' ? await this.store.findAnyUser(em, scope, id) : await this.store.findAnyGroup(em, scope, id);
    if (!row) throw kind === 'user' ? ReconcileErrors.userNotFound() : ReconcileErrors.groupNotFound();
    // A create the app has not confirmed is not the identity provider's yet: nothing to link.
    if (row.pendingOp !== null) throw ReconcileErrors.busy(kind);
    return row;
  }

  private async customHttp(companyId: string, connectorId: string): Promise<Connector> {
    const connector = await this.connectors.getEntity(companyId, connectorId);
    if (connector.type !== 'custom_http') throw ReconcileErrors.notCustomHttp();
    return connector;
  }

  /** One list call, or null with a note when its capability is off. */
  private async listed<O extends ListOperation>(connector: Connector, operation: O, notes: string[]): Promise<ReadResult<O> | null> {
    const what = operation === 'list_users' ? 'users' : 'groups';
    if (!this.downstream.enabled(connector, operation)) {
      notes.push(`${operation} is off for this connector, so the application's ${what} were not imported. Enable ${operation} and map it (Capabilities, Mappings) to review ${what} here.`);
      return null;
    }
    const perResource = placeholdersIn(JSON.stringify(connector.mappings?.[operation] ?? {})).filter((p) => PER_RESOURCE.test(p));
    if (perResource.length > 0) {
      notes.push(
        `The ${operation} mapping uses ${perResource.map((p) => `{${p}}`).join(', ')}, which is empty here (an import looks nobody up): the application may have answered with fewer ${what} than it has.`,
      );
    }
    const answer: Attempt<O> = await this.downstream.attempt(connector, operation, {}, { shown: true });
    if (!answer.ok) throw failure(operation, answer);
    const one = what.slice(0, -1);
    notes.push(
      `${answer.result.length} ${answer.result.length === 1 ? one : what} read from one ${operation} answer. Gatehouse does not follow pages: if the application pages this list, only the first page is compared. Raise the page size in the ${operation} mapping's query_params so every ${one} fits in one answer.`,
    );
    return answer.result;
  }
}

/** A failed list as the admin sees it: the connector's settings (400), the app (502), or not reached (503). */
function failure(operation: ListOperation, answer: Extract<Attempt<ListOperation>, { ok: false }>): unknown {
  if (!(answer.error instanceof ScimError)) return answer.error;
  switch (answer.error.status) {
    case 500:
      return ReconcileErrors.listMisconfigured(operation, answer.detail);
    case 503:
      return ReconcileErrors.listUnavailable(operation, answer.detail);
    default:
      return ReconcileErrors.listFailed(operation, answer.detail);
  }
}
