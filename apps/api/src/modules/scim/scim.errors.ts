import { ScimError, type ScimErrorType } from '@gatehouse/scim';

/**
 * An error answered to the identity provider in RFC 7644 §3.12 form. Everything this module
 * throws on purpose is one of these (or the library's ScimError); the SCIM exception filter
 * turns them into `{schemas, status, scimType?, detail}` with their status code.
 */
export class ScimHttpError extends ScimError {
  constructor(
    status: number,
    detail: string,
    scimType?: ScimErrorType,
    /** Extra response headers, e.g. WWW-Authenticate. */
    readonly headers: Record<string, string> = {},
  ) {
    super(status, detail, scimType);
    this.name = 'ScimHttpError';
  }
}

/** What each SCIM capability does, for messages ("does not support creating users"). */
const ACTIONS: Record<string, string> = {
  create_user: 'creating users',
  get_user: 'reading users',
  update_user: 'updating users',
  delete_user: 'deleting users',
  list_users: 'listing users',
  create_group: 'creating groups',
  get_group: 'reading groups',
  update_group_members: 'changing group members',
  update_group_name: 'renaming groups',
  delete_group: 'deleting groups',
  list_groups: 'listing groups',
};

export const ScimErrors = {
  unauthorized: () =>
    new ScimHttpError(
      401,
      'Authentication failed: send "Authorization: Bearer <token>" with this instance\'s SCIM token, issued in Gatehouse under Provisioning › (the instance) › SCIM connection. A rotated token stops working at once.',
      undefined,
      { 'WWW-Authenticate': 'Bearer realm="Gatehouse SCIM"' },
    ),
  connectorDisabled: () =>
    new ScimHttpError(503, 'This connector is disabled in Gatehouse, so provisioning is paused; an administrator can enable it to resume.'),
  userNotFound: (id: string) => new ScimHttpError(404, `User ${JSON.stringify(id)} not found`, 'noTarget'),
  groupNotFound: (id: string) => new ScimHttpError(404, `Group ${JSON.stringify(id)} not found`, 'noTarget'),
  resourceTypeNotFound: (name: string) => new ScimHttpError(404, `Resource type ${JSON.stringify(name)} not found; this server has User and Group`, 'noTarget'),
  schemaNotFound: (id: string) => new ScimHttpError(404, `Schema ${JSON.stringify(id)} not found`, 'noTarget'),
  noEndpoint: (method: string, path: string) => new ScimHttpError(404, `No SCIM endpoint for ${method} ${path}`),
  userNameTaken: (userName: string) =>
    new ScimHttpError(409, `A user with userName ${JSON.stringify(userName)} already exists for this connector (userName is compared case-insensitively)`, 'uniqueness'),
  groupNameTaken: (displayName: string) =>
    new ScimHttpError(409, `A group with displayName ${JSON.stringify(displayName)} already exists for this connector (displayName is compared case-insensitively)`, 'uniqueness'),
  /** Another request's write to the same resource is still waiting on the app. */
  busy: (what: string) => new ScimHttpError(409, `${what} is being written to the application by another request right now; retry in a moment.`),
  /**
   * A create of this name reached the app earlier (or may have) and its answer never arrived;
   * Gatehouse could not find out whether the app has the account.
   */
  createPending: (kind: 'user' | 'group', attribute: 'userName' | 'displayName', name: string, id: string, since: Date, reason: string) =>
    new ScimHttpError(
      409,
      `A ${kind} with ${attribute} ${JSON.stringify(name)} is pending creation in the application since ${since.toISOString()} (Gatehouse ${kind} ${id}): an earlier create may have reached the application but its answer never arrived, and ${reason}. ` +
        `An administrator can enable ${kind === 'user' ? 'list_users' : 'list_groups'} on this connector so Gatehouse finds the account and links it (the next retry or the background check does), ` +
        `or, after making sure the application has no such ${kind}, delete the pending ${kind} (DELETE /${kind === 'user' ? 'Users' : 'Groups'}/${id}) so the create can run again.`,
      'uniqueness',
    ),
  /**
   * The app refused a create with 409 (it has the account already) and Gatehouse could not link
   * to it: RFC 7644 §3.3 uniqueness, which Entra ID and Okta act on, with the app's own words.
   */
  appHasAccount: (kind: 'user' | 'group', answer: string, why: string) =>
    new ScimHttpError(409, `The application already has this ${kind}: it answered create_${kind} with ${answer}. ${why}`, 'uniqueness'),
  reactivationPending: (userName: string, id: string, reason: string) =>
    new ScimHttpError(
      409,
      `User ${JSON.stringify(userName)} (Gatehouse user ${id}) was not reactivated: an earlier reactivation may have created the account in the application but its answer never arrived, and ${reason}. ` +
        `An administrator can enable list_users on this connector so Gatehouse finds the account and links it on the next retry, or, after making sure the application has no such user, send active=false for the user once (which clears this warning) and then reactivate it.`,
      'uniqueness',
    ),
  /** RFC 7644 §3.12: 501 for an operation the service provider does not support. */
  notSupported: (capability: string) =>
    new ScimHttpError(
      501,
      `This connector does not support ${ACTIONS[capability] ?? capability} (enable the ${capability} capability and its mapping in Gatehouse).`,
    ),
  userStillActive: () =>
    new ScimHttpError(
      501,
      'This connector does not support deleting users (enable the delete_user capability and its mapping in Gatehouse). Deactivate the user first (active: false) to stop provisioning it; a deactivated user can then be deleted here.',
    ),
  /** The downstream app refused the call (4xx): the identity provider should not retry as is. */
  downstreamRejected: (capability: string, message: string) => new ScimHttpError(400, `The application refused ${capability}: ${message}`),
  /** The downstream app failed or could not be reached: worth retrying later. */
  downstreamFailed: (status: 502 | 503, capability: string, message: string) => new ScimHttpError(status, `The application could not complete ${capability}: ${message}`),
  /** The connector's own settings keep the call from being made. */
  connectorMisconfigured: (capability: string, message: string) =>
    new ScimHttpError(500, `The connector cannot run ${capability} as configured in Gatehouse: ${message}`),
  internal: () => new ScimHttpError(500, 'Internal server error'),
};
