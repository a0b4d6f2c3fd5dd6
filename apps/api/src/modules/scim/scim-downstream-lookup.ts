import { Injectable } from '@nestjs/common';
import { findMatchingGroup, findMatchingUser, userMatchKeys, type CapabilityKey, type ResolvedGroup, type ResolvedUser } from '@gatehouse/mapping';
import type { Connector } from '../http-connector/entities/connector.entity.js';
import { CustomHttpDownstream, type CallSubject } from './custom-http-downstream.js';

/** Whether the app has the account: a pending create's, one it refused to create again (409), or one an IdP looks up. */
export type Lookup<A = ResolvedUser | ResolvedGroup> = { kind: 'found'; downstreamId: string; account: A } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

/** `id`: the SCIM user or group the calls are filed under in the call log (none before it exists). `note`: why they are made. */
export type LookupOptions = { id?: string; note?: string };

/**
 * Finds, in the downstream app, the user or group of a create whose answer never arrived, so a
 * retry (or the sweep) links to it instead of creating a second one. list_users / list_groups
 * when enabled (elements are matched by the shared account-match rule in @gatehouse/mapping); else get_user / get_group when their mapping does not need the
 * app's id (it finds the account by userName or name). A lookup that fails, or no capability to
 * look with, leaves the question open ("unknown").
 *
 * A list must hold the account if the app has it: map list_users with a filter on
 * {scim_user_username} (or a page large enough for every account), else an account on a later
 * page reads as absent.
 */
@Injectable()
export class ScimDownstreamLookup {
  constructor(private readonly downstream: CustomHttpDownstream) {}

  async user(connector: Connector, resource: Record<string, unknown>, options: LookupOptions = {}): Promise<Lookup<ResolvedUser>> {
    const context = { scim_user: options.id === undefined ? resource : { ...resource, id: options.id } };
    const call = { subject: options.id === undefined ? {} : { scimUserId: options.id }, note: options.note };
    if (this.downstream.enabled(connector, 'list_users')) {
      const listed = await this.downstream.attempt(connector, 'list_users', context, call);
      if (!listed.ok) return unknown('list_users', listed.detail);
      const match = findMatchingUser(userMatchKeys(resource), listed.result);
      return match ? { kind: 'found', downstreamId: match.id, account: match } : { kind: 'absent' };
    }
    if (this.canAsk(connector, 'get_user', '{integration_user_id}')) return this.read(connector, 'get_user', context, call);
    return { kind: 'unknown', reason: 'neither list_users nor a get_user that finds users by userName is enabled, so the application cannot be asked' };
  }

  async group(connector: Connector, displayName: string, options: LookupOptions = {}): Promise<Lookup<ResolvedGroup>> {
    const context = { group_name: displayName, group_description: '' };
    const call = { subject: options.id === undefined ? {} : { scimGroupId: options.id }, note: options.note };
    if (this.downstream.enabled(connector, 'list_groups')) {
      const listed = await this.downstream.attempt(connector, 'list_groups', context, call);
      if (!listed.ok) return unknown('list_groups', listed.detail);
      const match = findMatchingGroup(displayName, listed.result);
      return match ? { kind: 'found', downstreamId: match.id, account: match } : { kind: 'absent' };
    }
    if (this.canAsk(connector, 'get_group', '{group_id}')) return this.read(connector, 'get_group', context, call);
    return { kind: 'unknown', reason: 'neither list_groups nor a get_group that finds groups by name is enabled, so the application cannot be asked' };
  }

  /** Whether the app can be asked at all: list_users / list_groups, or a get that finds accounts by name. */
  canLookUp(connector: Connector, kind: 'user' | 'group'): boolean {
    return kind === 'user'
      ? this.downstream.enabled(connector, 'list_users') || this.canAsk(connector, 'get_user', '{integration_user_id}')
      : this.downstream.enabled(connector, 'list_groups') || this.canAsk(connector, 'get_group', '{group_id}');
  }

  /** The capability is on and its mapping does not use the app's id (which a lost answer never gave us). */
  private canAsk(connector: Connector, operation: CapabilityKey, idPlaceholder: string): boolean {
    const mapping = connector.mappings?.[operation];
    return this.downstream.enabled(connector, operation) && mapping !== undefined && !JSON.stringify(mapping).includes(idPlaceholder);
  }

  private async read<O extends 'get_user' | 'get_group'>(
    connector: Connector,
    operation: O,
    context: Record<string, unknown>,
    call: { subject: CallSubject; note?: string },
  ): Promise<Lookup<O extends 'get_user' ? ResolvedUser : ResolvedGroup>> {
    const read = await this.downstream.attempt(connector, operation, context, call);
    if (read.ok) {
      const account = read.result as unknown as O extends 'get_user' ? ResolvedUser : ResolvedGroup;
      return account?.id ? { kind: 'found', downstreamId: account.id, account } : unknown(operation, 'the answer carries no id');
    }
    // A 404 is the app saying it has no such account.
    if (read.status === 404) return { kind: 'absent' };
    return unknown(operation, read.detail);
  }
}

const unknown = (operation: string, detail: string): { kind: 'unknown'; reason: string } => ({ kind: 'unknown', reason: `${operation} failed: ${detail}` });
