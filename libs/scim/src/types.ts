// Loose shapes for SCIM resources. Index signatures stay open because resources carry
// extension objects keyed by URN and because callers store what the IdP sent.

export interface ScimMeta {
  resourceType?: string;
  created?: string;
  lastModified?: string;
  location?: string;
  version?: string;
}

export interface ScimMultiValue {
  value?: string;
  display?: string;
  type?: string;
  primary?: boolean;
  $ref?: string;
  [key: string]: unknown;
}

export interface ScimResource {
  schemas?: string[];
  id?: string;
  externalId?: string;
  meta?: ScimMeta;
  [key: string]: unknown;
}

export interface ScimName {
  formatted?: string;
  familyName?: string;
  givenName?: string;
  middleName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
}

export interface ScimEnterpriseUser {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: { value?: string; $ref?: string; displayName?: string };
}

export interface ScimUser extends ScimResource {
  userName: string;
  name?: ScimName;
  displayName?: string;
  nickName?: string;
  title?: string;
  userType?: string;
  preferredLanguage?: string;
  locale?: string;
  timezone?: string;
  active?: boolean;
  emails?: ScimMultiValue[];
  phoneNumbers?: ScimMultiValue[];
  addresses?: Array<Record<string, unknown>>;
  groups?: ScimMultiValue[];
  roles?: ScimMultiValue[];
  entitlements?: ScimMultiValue[];
}

export interface ScimGroup extends ScimResource {
  displayName: string;
  members?: ScimMultiValue[];
}
