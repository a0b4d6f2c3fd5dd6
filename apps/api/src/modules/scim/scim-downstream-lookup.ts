import { Injectable } from '@nestjs/common';
import { findMatchingGroup, findMatchingUser, userMatchKeys, type CapabilityKey } from '@gatehouse/mapping';
import type { Connector } from '../http-connector/entities/connector.entity.js';
import { CustomHttpDownstream, type CallSubject } from './custom-http-downstream.js';

/** Whether the app has the account a pending create was meant to make. */
export type Lookup = { kind: 'found'; downstreamId: string } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

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

  async user(connector: Connector, id: string, resource: Record<string, unknown>): Promise<Lookup> {
    const context = { scim_user: { ...resource, id } };
    if (this.downstream.enabled(connector, 'list_users')) {
      const listed = await this.downstream.attempt(connector, 'list_users', context);
      if (!listed.ok) return unknown('list_users', listed.detail);
      const match = findMatchingUser(userMatchKeys(resource), listed.result);
      return match ? { kind: 'found', downstreamId: match.id } : { kind: 'absent' };
    }
    if (this.byName(connector, 'get_user', '{integration_user_id}')) return this.read(connector, 'get_user', context);
    return { kind: 'unknown', reason: 'neither list_users nor a get_user that finds users by userName is enabled, so the application cannot be asked' };
  }

  /** `scimGroupId` files the lookup's calls under the group in the call log. */
  async group(connector: Connector, displayName: string, scimGroupId?: string): Promise<Lookup> {
    const context = { group_name: displayName, group_description: '' };
    const subject = scimGroupId ? { scimGroupId } : undefined;
    if (this.downstream.enabled(connector, 'list_groups')) {
      const listed = await this.downstream.attempt(connector, 'list_groups', context, { subject });
      if (!listed.ok) return unknown('list_groups', listed.detail);
      const match = findMatchingGroup(displayName, listed.result);
      return match ? { kind: 'found', downstreamId: match.id } : { kind: 'absent' };
    }
    if (this.byName(connector, 'get_group', '{group_id}')) return this.read(connector, 'get_group', context, subject);
    return { kind: 'unknown', reason: 'neither list_groups nor a get_group that finds groups by name is enabled, so the application cannot be asked' };
  }

  /** The capability is on and its mapping does not use the app's id (which a lost answer never gave us). */
  private byName(connector: Connector, operation: CapabilityKey, idPlaceholder: string): boolean {
    const mapping = connector.mappings?.[operation];
    return this.downstream.enabled(connector, operation) && mapping !== undefined && !JSON.stringify(mapping).includes(idPlaceholder);
  }

  private async read(connector: Connector, operation: 'get_user' | 'get_group', context: Record<string, unknown>, subject?: CallSubject): Promise<Lookup> {
    const read = await this.downstream.attempt(connector, operation, context, { subject });
    if (read.ok) return read.result?.id ? { kind: 'found', downstreamId: read.result.id } : unknown(operation, 'the answer carries no id');
    // A 404 is the app saying it has no such account.
    if (read.status === 404) return { kind: 'absent' };
    return unknown(operation, read.detail);
  }
}

const unknown = (operation: string, detail: string): Lookup => ({ kind: 'unknown', reason: `${operation} failed: ${detail}` });
