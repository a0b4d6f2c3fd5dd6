// Fixed, fictional sample data. Deterministic on purpose: samples appear in docs and on screen,
// and the same schema should always show the same example.

export interface SamplePerson {
  readonly first: string;
  readonly last: string;
  readonly jobTitle: string;
  readonly department: string;
  readonly manager: string;
  readonly hiredAt: string;
  /** Set for the one leaver among the people, so an employee list shows how an ended employment looks. */
  readonly leftAt?: string;
  /** Access of the person in a user access record: distinct per person, as in the published example. */
  readonly roles: readonly string[];
  readonly groups: readonly string[];
  readonly isAdmin: boolean;
}

// The first three mirror the published examples so generated bodies read like the docs: two
// active employees and one who has left, three users with distinct roles.
export const PEOPLE: readonly SamplePerson[] = [
  {
    first: 'Sarah', last: 'Johnson', jobTitle: 'Senior Software Engineer', department: 'Engineering', manager: 'John Smith', hiredAt: '2022-03-15T00:00:00Z',
    roles: ['Developer', 'Team Lead'], groups: ['Engineering', 'Team-Alpha'], isAdmin: false,
  },
  {
    first: 'Michael', last: 'Chen', jobTitle: 'Product Manager', department: 'Product', manager: 'Lisa Wang', hiredAt: '2021-07-01T00:00:00Z',
    roles: ['Product Owner'], groups: ['Product', 'Leadership'], isAdmin: true,
  },
  {
    first: 'Emily', last: 'Rodriguez', jobTitle: 'Marketing Specialist', department: 'Marketing', manager: 'Lisa Wang', hiredAt: '2023-01-10T00:00:00Z',
    leftAt: '2023-12-15T00:00:00Z', roles: ['Viewer'], groups: ['Marketing'], isAdmin: false,
  },
  {
    first: 'David', last: 'Kim', jobTitle: 'Financial Analyst', department: 'Finance', manager: 'Robert Brown', hiredAt: '2020-11-02T00:00:00Z',
    roles: ['Billing Viewer'], groups: ['Finance'], isAdmin: false,
  },
  {
    first: 'Priya', last: 'Patel', jobTitle: 'DevOps Engineer', department: 'Engineering', manager: 'John Smith', hiredAt: '2023-05-22T00:00:00Z',
    roles: ['Developer', 'On-call'], groups: ['Engineering', 'Platform'], isAdmin: false,
  },
  {
    first: 'James', last: 'Walker', jobTitle: 'Security Engineer', department: 'Security', manager: 'Anna Novak', hiredAt: '2019-09-16T00:00:00Z',
    roles: ['Security Auditor'], groups: ['Security'], isAdmin: true,
  },
  {
    first: 'Aisha', last: 'Mohammed', jobTitle: 'HR Business Partner', department: 'People Operations', manager: 'Robert Brown', hiredAt: '2022-10-03T00:00:00Z',
    roles: ['HR Administrator'], groups: ['People Operations'], isAdmin: false,
  },
  {
    first: 'Lucas', last: 'Silva', jobTitle: 'Account Executive', department: 'Sales', manager: 'Anna Novak', hiredAt: '2024-02-05T00:00:00Z',
    roles: ['Sales Representative'], groups: ['Sales'], isAdmin: false,
  },
];

/** What a leaver's employment fields say instead of the active values in STRINGS_BY_NAME. */
export const LEAVER_STRINGS: Readonly<Record<string, string>> = {
  employment_status: 'Terminated',
  employment_status_normalized: 'terminated',
  lifecycle_status: 'offboarded',
};

/** Values for a `name`/`title` property, by the title of the record schema. */
export const NAMES_BY_SCHEMA_TITLE: Readonly<Record<string, readonly string[]>> = {
  Repository: ['payments-service', 'web-app', 'infrastructure', 'mobile-app'],
  Vendor: ['Acme Cloud Hosting', 'Globex Payroll', 'Initech Support Desk', 'Umbrella Analytics'],
  CloudResource: ['customer-data-prod', 'orders-db-prod', 'api-gateway-prod', 'audit-logs-archive'],
  Vulnerability: [
    'OpenSSL denial of service in base image',
    'Outdated jQuery with known XSS',
    'TLS 1.0 enabled on load balancer',
    'SSH open to the internet on bastion host',
  ],
  Policy: ['Information Security Policy', 'Access Control Policy', 'Acceptable Use Policy', 'Incident Response Policy'],
  SecurityIncident: [
    'Phishing email led to a compromised mailbox',
    'Laptop reported stolen',
    'API key committed to a public repository',
    'Suspicious sign-ins from an unknown location',
  ],
  CodeChange: ['Add audit logging to the payments API', 'Upgrade dependencies', 'Fix session timeout', 'Rotate signing keys'],
};

/** Ids that are naturally not `prefix_001`, by the title of the record schema. */
export const IDS_BY_SCHEMA_TITLE: Readonly<Record<string, readonly string[]>> = {
  CloudResource: [
    'arn:aws:s3:::customer-data-prod',
    'arn:aws:rds:us-east-1:123456789012:db:orders-db-prod',
    'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5',
    'arn:aws:s3:::audit-logs-archive',
  ],
  EncryptionKey: [
    'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws:kms:us-east-1:123456789012:key/2345bcde-23bc-45de-67f0-2345678901bc',
    'arn:aws:kms:us-east-1:123456789012:key/3456cdef-34cd-56ef-7801-3456789012cd',
  ],
};

/** Id prefixes by the title of the record schema; others use the title's first letters. */
export const ID_PREFIXES: Readonly<Record<string, string>> = {
  Employee: 'emp',
  BackgroundCheck: 'bgc',
  EmployeeAgreement: 'agr',
  AccessReview: 'rev',
  PasswordPolicy: 'pwp',
  Device: 'dev',
  Vulnerability: 'vuln',
  PenetrationTest: 'pt',
  Repository: 'repo',
  CodeChange: 'pr',
  Vendor: 'vnd',
  TrainingCompletion: 'trn',
  PhishingSimulationResult: 'phish',
  Policy: 'pol',
  PolicyAcknowledgement: 'ack',
  SecurityIncident: 'inc',
  BackupConfiguration: 'bkp',
};

/** Prefixes for `<thing>_id` references, so they match the referenced records' ids. */
export const REFERENCE_PREFIXES: Readonly<Record<string, string>> = {
  employee: 'emp',
  user: 'usr',
  policy: 'pol',
  vendor: 'vnd',
  device: 'dev',
  repository: 'repo',
};

/** Plain string values by property name. Arrays are indexed by the sample's position. */
export const STRINGS_BY_NAME: Readonly<Record<string, string | readonly string[]>> = {
  account_project_id: 'proj_123456',
  employment_type: 'Full-time',
  employment_status: 'Active',
  employment_status_normalized: 'active',
  lifecycle_status: 'employed',
  system_name: ['AWS Production', 'Google Workspace', 'GitHub', 'Salesforce'],
  course_name: 'Security Awareness Training 2024',
  campaign_name: 'Q2 2024 phishing simulation',
  document_name: 'Confidentiality Agreement v3',
  policy_title: 'Information Security Policy',
  version: '2.1',
  policy_version: '2.1',
  provider: 'Example Screening Inc.',
  vendor: 'Example Security Labs',
  scope: 'Customer web application, public API and AWS production account',
  source: 'Container image scanner',
  cve_id: ['CVE-2024-0727', 'CVE-2020-11023', 'CVE-2011-3389', 'CVE-2024-6387'],
  asset_identifier: ['api-gateway:1.14.2', 'web-app', 'lb-prod-01', 'bastion-01'],
  resource_identifier: ['arn:aws:rds:us-east-1:123456789012:db:orders-db-prod', 'arn:aws:s3:::customer-data-prod'],
  resource_name: ['orders-db-prod', 'customer-data-prod'],
  resource_type: ['s3_bucket', 'rds_instance', 'ec2_instance', 'dynamodb_table'],
  region: 'us-east-1',
  alias: ['alias/customer-data', 'alias/backups', 'alias/application-secrets'],
  repository: ['payments-service', 'web-app', 'infrastructure'],
  default_branch: 'main',
  target_branch: 'main',
  os_version: ['14.4.1', '11 23H2', '22.04', '17.4'],
  serial_number: ['C02XK1ABJG5H', 'C02YL2BCKH6J', 'PF3ZM4CD', 'C02ZN5DELJ7K'],
  service_description: ['Cloud hosting', 'Payroll processing', 'Customer support ticketing', 'Product analytics'],
  approved_by: 'John Smith',
  reviewer_name: 'John Smith',
};
