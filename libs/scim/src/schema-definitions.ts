import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER } from './constants.js';

// Attribute characteristics of RFC 7643 §2.2 / §7. One table drives name canonicalisation,
// case sensitivity in filters, type coercion in PATCH, mutability checks, projection and the
// /Schemas discovery document, so what we advertise is exactly what we enforce.

export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

export type ResourceTypeName = 'User' | 'Group';

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description'>>;

function attr(name: string, type: AttributeType, description: string, options: Options = {}): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    // Brief and RFC agree that almost everything compares case-insensitively; the few
    // identifiers that do not (id, externalId, binary values) opt in explicitly.
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

function complex(name: string, description: string, subAttributes: AttributeDefinition[], options: Options = {}) {
  return attr(name, 'complex', description, { ...options, subAttributes });
}

// The value/display/type/primary quartet RFC 7643 §2.4 gives to most multi-valued attributes.
function multiValuedComplex(
  name: string,
  description: string,
  valueDescription: string,
  types: string[],
  valueOptions: Options = {},
): AttributeDefinition {
  return complex(
    name,
    description,
    [
      attr('value', valueOptions.referenceTypes ? 'reference' : 'string', valueDescription, valueOptions),
      attr('display', 'string', 'A human-readable name, primarily used for display purposes. READ-ONLY.'),
      attr('type', 'string', `A label indicating the attribute's function.`, types.length ? { canonicalValues: types } : {}),
      attr('primary', 'boolean', `A Boolean value indicating the 'primary' or preferred attribute value for this attribute. The primary attribute value 'true' MUST appear no more than once.`),
    ],
    { multiValued: true },
  );
}

// Common attributes (RFC 7643 §3.1). They belong to every resource but are not listed in
// the /Schemas documents, exactly as in the RFC's own schema representation.
export const COMMON_ATTRIBUTES: AttributeDefinition[] = [
  attr('id', 'string', 'Unique identifier for the SCIM resource as defined by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attr('externalId', 'string', 'A String that is an identifier for the resource as defined by the provisioning client.', {
    caseExact: true,
  }),
  complex(
    'meta',
    'A complex attribute containing resource metadata.',
    [
      attr('resourceType', 'string', 'The name of the resource type of the resource.', { caseExact: true, mutability: 'readOnly' }),
      attr('created', 'dateTime', 'The DateTime that the resource was added to the service provider.', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', 'The most recent DateTime that the details of this resource were updated at the service provider.', { mutability: 'readOnly' }),
      attr('location', 'reference', 'The URI of the resource being returned.', { caseExact: true, mutability: 'readOnly', referenceTypes: ['uri'] }),
      attr('version', 'string', 'The version of the resource being returned.', { caseExact: true, mutability: 'readOnly' }),
    ],
    { mutability: 'readOnly' },
  ),
];

// Password is deliberately absent: this gateway never authenticates provisioned users, so it
// neither stores nor advertises one (and changePassword is false in ServiceProviderConfig).
export const USER_ATTRIBUTES: AttributeDefinition[] = [
  attr(
    'userName',
    'string',
    `Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value. This identifier MUST be unique across the service provider's entire set of Users. REQUIRED.`,
    { required: true, uniqueness: 'server' },
  ),
  complex(`name`, `The components of the user's real name. Providers MAY return just the full name as a single string in the formatted sub-attribute, or they MAY return just the individual component attributes using the other sub-attributes, or they MAY return both.`, [
    attr('formatted', 'string', `The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III').`),
    attr('familyName', 'string', `The family name of the User, or last name in most Western languages (e.g., 'Jensen' given the full name 'Ms. Barbara J Jensen, III').`),
    attr('givenName', 'string', `The given name of the User, or first name in most Western languages (e.g., 'Barbara' given the full name 'Ms. Barbara J Jensen, III').`),
    attr('middleName', 'string', `The middle name(s) of the User (e.g., 'Jane' given the full name 'Ms. Barbara J Jensen, III').`),
    attr('honorificPrefix', 'string', `The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.' given the full name 'Ms. Barbara J Jensen, III').`),
    attr('honorificSuffix', 'string', `The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III' given the full name 'Ms. Barbara J Jensen, III').`),
  ]),
  attr('displayName', 'string', 'The name of the User, suitable for display to end-users. The name SHOULD be the full name of the User being described, if known.'),
  attr('nickName', 'string', `The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'.`),
  attr('profileUrl', 'reference', `A fully qualified URL pointing to a page representing the User's online profile.`, { referenceTypes: ['external'] }),
  attr('title', 'string', `The user's title, such as "Vice President".`),
  attr('userType', 'string', `Used to identify the relationship between the organization and the user. Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used.`),
  attr('preferredLanguage', 'string', `Indicates the User's preferred written or spoken language. Generally used for selecting a localized user interface; e.g., 'en_US' specifies the language English and country US.`),
  attr('locale', 'string', `Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations.`),
  attr('timezone', 'string', `The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'.`),
  attr('active', 'boolean', `A Boolean value indicating the User's administrative status.`),
  multiValuedComplex('emails', `Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.`, `Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.`, ['work', 'home', 'other']),
  multiValuedComplex('phoneNumbers', `Phone numbers for the User. The value SHOULD be canonicalized by the service provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'. Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.`, 'Phone number of the User.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
  multiValuedComplex('ims', 'Instant messaging addresses for the User.', 'Instant messaging address for the User.', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
  multiValuedComplex('photos', 'URLs of photos of the User.', 'URL of a photo of the User.', ['photo', 'thumbnail'], { referenceTypes: ['external'] }),
  complex(
    'addresses',
    `A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'. This attribute is a complex type with the following sub-attributes.`,
    [
      attr('formatted', 'string', 'The full mailing address, formatted for display or use with a mailing label. This attribute MAY contain newlines.'),
      attr('streetAddress', 'string', 'The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information. This attribute MAY contain newlines.'),
      attr('locality', 'string', 'The city or locality component.'),
      attr('region', 'string', 'The state or region component.'),
      attr('postalCode', 'string', 'The zip code or postal code component.'),
      attr('country', 'string', 'The country name component.'),
      attr('type', 'string', `A label indicating the attribute's function, e.g., 'work' or 'home'.`, { canonicalValues: ['work', 'home', 'other'] }),
      attr('primary', 'boolean', `A Boolean value indicating the 'primary' or preferred attribute value for this attribute, e.g., the preferred mailing address or primary email address. The primary attribute value 'true' MUST appear no more than once.`),
    ],
    { multiValued: true },
  ),
  // Group membership is owned by the Group resource; RFC 7643 §4.1.2 makes it read-only here.
  complex(
    'groups',
    `A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.`,
    [
      attr('value', 'string', `The identifier of the User's group.`, { mutability: 'readOnly' }),
      attr('$ref', 'reference', `The URI of the corresponding 'Group' resource to which the user belongs.`, { mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
      attr('display', 'string', 'A human-readable name, primarily used for display purposes. READ-ONLY.', { mutability: 'readOnly' }),
      attr('type', 'string', `A label indicating the attribute's function, e.g., 'direct' or 'indirect'.`, { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
    ],
    { multiValued: true, mutability: 'readOnly' },
  ),
  multiValuedComplex('entitlements', 'A list of entitlements for the User that represent a thing the User has.', 'The value of an entitlement.', []),
  multiValuedComplex('roles', `A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.`, 'The value of a role.', []),
  complex(
    'x509Certificates',
    'A list of certificates issued to the User.',
    [
      attr('value', 'binary', 'The value of an X.509 certificate.', { caseExact: true }),
      attr('display', 'string', 'A human-readable name, primarily used for display purposes. READ-ONLY.'),
      attr('type', 'string', `A label indicating the attribute's function.`),
      attr('primary', 'boolean', `A Boolean value indicating the 'primary' or preferred attribute value for this attribute. The primary attribute value 'true' MUST appear no more than once.`),
    ],
    { multiValued: true },
  ),
];

export const ENTERPRISE_USER_ATTRIBUTES: AttributeDefinition[] = [
  attr('employeeNumber', 'string', 'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.'),
  attr('costCenter', 'string', 'Identifies the name of a cost center.'),
  attr('organization', 'string', 'Identifies the name of an organization.'),
  attr('division', 'string', 'Identifies the name of a division.'),
  attr('department', 'string', 'Identifies the name of a department.'),
  complex(
    'manager',
    `The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.`,
    [
      attr('value', 'string', 'The id of the SCIM resource representing the User\'s manager. REQUIRED.'),
      attr('$ref', 'reference', `The URI of the SCIM resource representing the User's manager. REQUIRED.`, { referenceTypes: ['User'] }),
      attr('displayName', 'string', `The displayName of the User's manager. OPTIONAL and READ-ONLY.`, { mutability: 'readOnly' }),
    ],
  ),
];

export const GROUP_ATTRIBUTES: AttributeDefinition[] = [
  attr('displayName', 'string', 'A human-readable name for the Group. REQUIRED.', { required: true }),
  complex(
    'members',
    'A list of members of the Group.',
    [
      attr('value', 'string', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
      attr('$ref', 'reference', 'The URI corresponding to a SCIM resource that is a member of this Group.', { mutability: 'immutable', referenceTypes: ['User', 'Group'] }),
      attr('type', 'string', 'A label indicating the type of resource, e.g., \'User\' or \'Group\'.', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
      attr('display', 'string', 'A human-readable name, primarily used for display purposes.', { mutability: 'immutable' }),
    ],
    { multiValued: true },
  ),
];

export const USER_SCHEMA: SchemaDefinition = { id: SCHEMA_USER, name: 'User', description: 'User Account', attributes: USER_ATTRIBUTES };
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  id: SCHEMA_ENTERPRISE_USER,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: ENTERPRISE_USER_ATTRIBUTES,
};
export const GROUP_SCHEMA: SchemaDefinition = { id: SCHEMA_GROUP, name: 'Group', description: 'Group', attributes: GROUP_ATTRIBUTES };

export interface ResourceTypeDefinition {
  name: ResourceTypeName;
  endpoint: string;
  description: string;
  schema: SchemaDefinition;
  extensions: SchemaDefinition[];
}

export const RESOURCE_TYPES: Record<ResourceTypeName, ResourceTypeDefinition> = {
  User: { name: 'User', endpoint: '/Users', description: 'User Account', schema: USER_SCHEMA, extensions: [ENTERPRISE_USER_SCHEMA] },
  Group: { name: 'Group', endpoint: '/Groups', description: 'Group', schema: GROUP_SCHEMA, extensions: [] },
};
