// Record schemas of catalog v1, one per context key. Each context is defined once here and
// referenced by every monitoring that uses it, so a context key can never map to two schemas.
//
// Conventions: records allow extra fields (integrations often send more than we read), dates
// are ISO 8601 date-times, and every schema names its identifying property in `x-record-key`.
import type { RecordSchema } from '../json-schema.js';
import type { MonitoringContext } from './types.js';

// --- Published schemas ----------------------------------------------------------------------
// These two are published verbatim in the user documentation; customers build against them.
// Change nothing but `x-record-key`, or documented request bodies stop validating.

export const EMPLOYEE_SCHEMA = {
  type: 'object',
  title: 'Employee',
  description: 'Schema for employee record',
  properties: {
    employee_name: { type: 'string', description: 'Full name of the employee' },
    email: { type: 'string', description: 'Email address of the employee', format: 'email' },
    job_title: { type: 'string', description: 'Job title of the employee' },
    manager: { type: 'string', description: 'Manager of the employee' },
    hiring_date: { type: 'string', format: 'date-time', description: 'Hiring date of the employee' },
    termination_date: { type: 'string', format: 'date-time', description: 'Termination date if applicable' },
    employment_type: { type: 'string', description: 'Type of employment' },
    employment_status: { type: 'string', description: 'Current status of employment' },
    id: { type: 'string', description: 'Unique identifier of the employee' },
    first_name: { type: 'string', description: 'First name of the employee' },
    last_name: { type: 'string', description: 'Last name of the employee' },
    employment_status_normalized: { type: 'string', description: 'Normalized employment status' },
    department: { type: 'string', description: 'Department of the employee' },
    lifecycle_status: { type: 'string', description: 'Lifecycle status of the employee' },
  },
  required: ['id'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const USER_ACCESS_RECORD_SCHEMA = {
  type: 'object',
  title: 'UserAccessRecordSchema',
  description: "Schema for a user's access record within a company/account.",
  properties: {
    account_project_id: { type: 'string', description: 'ID of the account or project.' },
    username: { type: 'string', description: "User's login name." },
    identifier: { type: 'string', description: "User's unique identifier (e.g., ARN or equivalent)." },
    role: {
      type: 'array',
      description: 'Roles or policies assigned to the user.',
      items: { type: 'string' },
      uniqueItems: true,
    },
    groups: {
      type: 'array',
      description: 'Groups the user belongs to.',
      items: { type: 'string' },
      uniqueItems: true,
    },
    is_admin: { type: 'boolean', description: 'Whether the user has admin privileges.' },
    email: { type: 'string', format: 'email', description: "User's email address." },
  },
  required: ['account_project_id', 'username', 'identifier'],
  'x-record-key': 'identifier',
} as const satisfies RecordSchema;

// --- Catalog schemas ------------------------------------------------------------------------

export const BACKGROUND_CHECK_SCHEMA = {
  type: 'object',
  title: 'BackgroundCheck',
  description: 'Schema for one pre-employment background check of a person.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the background check.' },
    employee_id: { type: 'string', description: 'Identifier of the employee, as in Employee records.' },
    employee_email: { type: 'string', format: 'email', description: 'Email address of the employee.' },
    check_type: {
      type: 'string',
      enum: ['criminal', 'employment_history', 'education', 'identity', 'credit', 'reference', 'other'],
      description: 'What was checked.',
    },
    status: {
      type: 'string',
      enum: ['completed', 'in_progress', 'pending', 'waived', 'cancelled'],
      description: 'Where the check stands.',
    },
    result: {
      type: 'string',
      enum: ['clear', 'consider', 'adverse', 'not_available'],
      description: 'Outcome of a completed check.',
    },
    provider: { type: 'string', description: 'Company that performed the check.' },
    initiated_at: { type: 'string', format: 'date-time', description: 'When the check was requested.' },
    completed_at: { type: 'string', format: 'date-time', description: 'When the check was completed.' },
  },
  required: ['id', 'employee_id', 'status'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const EMPLOYEE_AGREEMENT_SCHEMA = {
  type: 'object',
  title: 'EmployeeAgreement',
  description: 'Schema for an agreement an employee or contractor signed (NDA, code of conduct, ...).',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the signed agreement.' },
    employee_id: { type: 'string', description: 'Identifier of the employee, as in Employee records.' },
    employee_email: { type: 'string', format: 'email', description: 'Email address of the signer.' },
    agreement_type: {
      type: 'string',
      enum: ['confidentiality', 'code_of_conduct', 'acceptable_use', 'employment_contract', 'other'],
      description: 'Kind of agreement.',
    },
    document_name: { type: 'string', description: 'Name of the document that was signed.' },
    status: { type: 'string', enum: ['signed', 'pending', 'expired', 'declined'], description: 'Signature status.' },
    signed_at: { type: 'string', format: 'date-time', description: 'When the agreement was signed.' },
    document_url: { type: 'string', format: 'uri', description: 'Link to the signed copy.' },
  },
  required: ['id', 'employee_id', 'agreement_type', 'status'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const MFA_STATUS_SCHEMA = {
  type: 'object',
  title: 'MfaStatus',
  description: "Schema for one user's multi-factor authentication status in an identity provider or system.",
  properties: {
    identifier: { type: 'string', description: "User's unique identifier in the system." },
    username: { type: 'string', description: "User's login name." },
    email: { type: 'string', format: 'email', description: "User's email address." },
    system_name: { type: 'string', description: 'System or identity provider the status comes from.' },
    mfa_enabled: { type: 'boolean', description: 'Whether the user has at least one second factor enrolled.' },
    mfa_enforced: { type: 'boolean', description: 'Whether the system requires a second factor to sign in.' },
    mfa_methods: {
      type: 'array',
      description: 'Second factors enrolled by the user.',
      items: { type: 'string', enum: ['totp', 'push', 'webauthn', 'hardware_key', 'sms', 'voice', 'email', 'other'] },
      uniqueItems: true,
    },
    is_admin: { type: 'boolean', description: 'Whether the user has admin privileges.' },
    last_login_at: { type: 'string', format: 'date-time', description: 'Last successful sign-in.' },
  },
  required: ['identifier', 'username', 'mfa_enabled'],
  'x-record-key': 'identifier',
} as const satisfies RecordSchema;

export const ACCESS_REVIEW_SCHEMA = {
  type: 'object',
  title: 'AccessReview',
  description: 'Schema for one periodic review of who has access to a system.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the review.' },
    system_name: { type: 'string', description: 'System whose access was reviewed.' },
    reviewer_name: { type: 'string', description: 'Person accountable for the review.' },
    reviewer_email: { type: 'string', format: 'email', description: "Reviewer's email address." },
    status: {
      type: 'string',
      enum: ['completed', 'in_progress', 'not_started', 'overdue'],
      description: 'Where the review stands.',
    },
    started_at: { type: 'string', format: 'date-time', description: 'When the review started.' },
    completed_at: { type: 'string', format: 'date-time', description: 'When the review was signed off.' },
    users_reviewed: { type: 'integer', minimum: 0, description: 'Number of user accounts reviewed.' },
    access_changes: { type: 'integer', minimum: 0, description: 'Number of accounts removed or downgraded.' },
    evidence_url: { type: 'string', format: 'uri', description: 'Link to the review record or export.' },
  },
  required: ['id', 'system_name', 'status'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const PASSWORD_POLICY_SCHEMA = {
  type: 'object',
  title: 'PasswordPolicy',
  description: 'Schema for the password policy configured in one system.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the system or policy.' },
    system_name: { type: 'string', description: 'System the policy applies to.' },
    min_length: { type: 'integer', minimum: 0, description: 'Minimum password length.' },
    requires_complexity: { type: 'boolean', description: 'Whether mixed character classes are required.' },
    max_age_days: { type: 'integer', minimum: 0, description: 'Days before a password must change (0 = never).' },
    password_reuse_prevention: { type: 'integer', minimum: 0, description: 'Number of previous passwords that cannot be reused.' },
    lockout_threshold: { type: 'integer', minimum: 0, description: 'Failed attempts before the account locks (0 = never).' },
    sso_enforced: { type: 'boolean', description: 'Whether sign-in goes through single sign-on instead of passwords.' },
    updated_at: { type: 'string', format: 'date-time', description: 'When the policy last changed.' },
  },
  required: ['id', 'system_name'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const CLOUD_RESOURCE_SCHEMA = {
  type: 'object',
  title: 'CloudResource',
  description: 'Schema for one cloud resource (bucket, database, instance, ...) and its security settings.',
  properties: {
    id: { type: 'string', description: "Resource's unique identifier (e.g., ARN or equivalent)." },
    provider: { type: 'string', enum: ['aws', 'gcp', 'azure', 'oci', 'other'], description: 'Cloud provider.' },
    account_project_id: { type: 'string', description: 'ID of the account, project or subscription.' },
    resource_type: { type: 'string', description: 'Kind of resource, e.g. s3_bucket, rds_instance.' },
    name: { type: 'string', description: 'Name of the resource.' },
    region: { type: 'string', description: 'Region the resource runs in.' },
    environment: { type: 'string', enum: ['production', 'staging', 'development', 'other'], description: 'Environment.' },
    encrypted_at_rest: { type: 'boolean', description: 'Whether stored data is encrypted.' },
    publicly_accessible: { type: 'boolean', description: 'Whether the resource is reachable from the internet.' },
    logging_enabled: { type: 'boolean', description: 'Whether access or audit logging is enabled.' },
    tags: {
      type: 'object',
      description: 'Tags or labels on the resource.',
      additionalProperties: { type: 'string' },
    },
    created_at: { type: 'string', format: 'date-time', description: 'When the resource was created.' },
  },
  required: ['id', 'provider', 'resource_type'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const ENCRYPTION_KEY_SCHEMA = {
  type: 'object',
  title: 'EncryptionKey',
  description: 'Schema for one managed encryption key and its rotation settings.',
  properties: {
    id: { type: 'string', description: "Key's unique identifier (e.g., ARN or equivalent)." },
    provider: { type: 'string', enum: ['aws', 'gcp', 'azure', 'oci', 'vault', 'other'], description: 'Key management service.' },
    account_project_id: { type: 'string', description: 'ID of the account or project.' },
    alias: { type: 'string', description: 'Human-readable key name.' },
    key_state: { type: 'string', enum: ['enabled', 'disabled', 'pending_deletion'], description: 'State of the key.' },
    rotation_enabled: { type: 'boolean', description: 'Whether automatic rotation is on.' },
    rotation_period_days: { type: 'integer', minimum: 1, description: 'Days between automatic rotations.' },
    last_rotated_at: { type: 'string', format: 'date-time', description: 'When the key material last rotated.' },
  },
  required: ['id', 'provider', 'rotation_enabled'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const DEVICE_SCHEMA = {
  type: 'object',
  title: 'Device',
  description: 'Schema for one laptop, desktop or mobile device used for work, and its security posture.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the device in the device management system.' },
    hostname: { type: 'string', description: 'Device name.' },
    serial_number: { type: 'string', description: 'Hardware serial number.' },
    owner_email: { type: 'string', format: 'email', description: "Email address of the device's user." },
    device_type: { type: 'string', enum: ['laptop', 'desktop', 'mobile', 'tablet', 'other'], description: 'Kind of device.' },
    os_name: { type: 'string', enum: ['macOS', 'Windows', 'Linux', 'iOS', 'Android', 'ChromeOS', 'other'], description: 'Operating system.' },
    os_version: { type: 'string', description: 'Operating system version.' },
    os_up_to_date: { type: 'boolean', description: 'Whether the latest OS security updates are installed.' },
    disk_encrypted: { type: 'boolean', description: 'Whether full-disk encryption is on (FileVault, BitLocker, ...).' },
    screen_lock_enabled: { type: 'boolean', description: 'Whether the screen locks automatically when idle.' },
    screen_lock_timeout_minutes: { type: 'integer', minimum: 0, description: 'Idle minutes before the screen locks.' },
    antivirus_enabled: { type: 'boolean', description: 'Whether anti-malware or EDR protection is running.' },
    firewall_enabled: { type: 'boolean', description: 'Whether the host firewall is on.' },
    managed: { type: 'boolean', description: 'Whether the device is enrolled in device management (MDM).' },
    last_check_in_at: { type: 'string', format: 'date-time', description: 'Last time the device reported its state.' },
  },
  required: ['id', 'hostname'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const VULNERABILITY_SCHEMA = {
  type: 'object',
  title: 'Vulnerability',
  description: 'Schema for one vulnerability finding on an asset, from a scanner or a manual report.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the finding.' },
    title: { type: 'string', description: 'Short description of the vulnerability.' },
    severity: {
      type: 'string',
      enum: ['critical', 'high', 'medium', 'low', 'informational'],
      description: 'Severity as rated by the source.',
    },
    status: {
      type: 'string',
      enum: ['open', 'in_progress', 'resolved', 'risk_accepted', 'false_positive'],
      description: 'Remediation status.',
    },
    cve_id: { type: 'string', description: 'CVE identifier, when there is one.' },
    cvss_score: { type: 'number', minimum: 0, maximum: 10, description: 'CVSS base score (0-10).' },
    asset_identifier: { type: 'string', description: 'Host, image, package or resource that is affected.' },
    source: { type: 'string', description: 'Scanner or process that reported it.' },
    first_detected_at: { type: 'string', format: 'date-time', description: 'When the finding was first seen.' },
    due_date: { type: 'string', format: 'date-time', description: 'Remediation deadline under the SLA.' },
    resolved_at: { type: 'string', format: 'date-time', description: 'When the finding was fixed or closed.' },
  },
  required: ['id', 'title', 'severity', 'status', 'first_detected_at'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const PENETRATION_TEST_SCHEMA = {
  type: 'object',
  title: 'PenetrationTest',
  description: 'Schema for one penetration test engagement and its results.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the engagement.' },
    vendor: { type: 'string', description: 'Firm or team that performed the test.' },
    scope: { type: 'string', description: 'Systems and applications in scope.' },
    started_at: { type: 'string', format: 'date-time', description: 'When testing started.' },
    completed_at: { type: 'string', format: 'date-time', description: 'When the final report was delivered.' },
    critical_findings: { type: 'integer', minimum: 0, description: 'Number of critical findings.' },
    high_findings: { type: 'integer', minimum: 0, description: 'Number of high findings.' },
    open_findings: { type: 'integer', minimum: 0, description: 'Findings not yet remediated.' },
    report_url: { type: 'string', format: 'uri', description: 'Link to the report.' },
  },
  required: ['id', 'vendor', 'completed_at'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const REPOSITORY_SCHEMA = {
  type: 'object',
  title: 'Repository',
  description: 'Schema for one source code repository and its protection settings.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the repository.' },
    name: { type: 'string', description: 'Repository name.' },
    url: { type: 'string', format: 'uri', description: 'Web address of the repository.' },
    visibility: { type: 'string', enum: ['private', 'internal', 'public'], description: 'Who can see the code.' },
    default_branch: { type: 'string', description: 'Branch that deploys to production.' },
    branch_protection_enabled: { type: 'boolean', description: 'Whether the default branch is protected.' },
    required_approvals: { type: 'integer', minimum: 0, description: 'Approving reviews required before merging.' },
    requires_status_checks: { type: 'boolean', description: 'Whether CI checks must pass before merging.' },
    allows_force_push: { type: 'boolean', description: 'Whether history on the default branch can be rewritten.' },
    archived: { type: 'boolean', description: 'Whether the repository is archived.' },
    updated_at: { type: 'string', format: 'date-time', description: 'Last change to the repository.' },
  },
  required: ['id', 'name'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const CODE_CHANGE_SCHEMA = {
  type: 'object',
  title: 'CodeChange',
  description: 'Schema for one merged change (pull or merge request) to a production branch.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the change.' },
    repository: { type: 'string', description: 'Repository name.' },
    title: { type: 'string', description: 'Title of the change.' },
    url: { type: 'string', format: 'uri', description: 'Link to the change.' },
    author: { type: 'string', description: 'Who wrote the change.' },
    approved_by: {
      type: 'array',
      description: 'Who approved the change.',
      items: { type: 'string' },
      uniqueItems: true,
    },
    merged_by: { type: 'string', description: 'Who merged the change.' },
    target_branch: { type: 'string', description: 'Branch the change was merged into.' },
    checks_passed: { type: 'boolean', description: 'Whether CI checks passed before merging.' },
    merged_at: { type: 'string', format: 'date-time', description: 'When the change was merged.' },
  },
  required: ['id', 'repository', 'author', 'merged_at'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const VENDOR_SCHEMA = {
  type: 'object',
  title: 'Vendor',
  description: 'Schema for one third-party vendor or service provider and its risk management evidence.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the vendor.' },
    name: { type: 'string', description: 'Vendor name.' },
    website: { type: 'string', format: 'uri', description: "Vendor's website." },
    service_description: { type: 'string', description: 'What the vendor provides.' },
    status: { type: 'string', enum: ['active', 'onboarding', 'offboarded'], description: 'Relationship status.' },
    risk_level: { type: 'string', enum: ['critical', 'high', 'medium', 'low'], description: 'Inherent risk rating.' },
    handles_customer_data: { type: 'boolean', description: 'Whether the vendor stores or processes customer data.' },
    owner_email: { type: 'string', format: 'email', description: 'Email of the internal owner of the relationship.' },
    last_assessment_at: { type: 'string', format: 'date-time', description: 'When the last risk assessment was completed.' },
    next_assessment_due: { type: 'string', format: 'date-time', description: 'When the next assessment is due.' },
    security_report_type: {
      type: 'string',
      enum: ['soc2_type2', 'soc2_type1', 'iso27001', 'pci_dss', 'other', 'none'],
      description: 'Independent security report on file.',
    },
    security_report_expires_at: { type: 'string', format: 'date-time', description: 'When the report on file stops covering the vendor.' },
    dpa_signed: { type: 'boolean', description: 'Whether a data processing agreement is signed.' },
  },
  required: ['id', 'name', 'status'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const TRAINING_COMPLETION_SCHEMA = {
  type: 'object',
  title: 'TrainingCompletion',
  description: "Schema for one person's assignment or completion of a training course.",
  properties: {
    id: { type: 'string', description: 'Unique identifier of the assignment.' },
    employee_id: { type: 'string', description: 'Identifier of the employee, as in Employee records.' },
    employee_email: { type: 'string', format: 'email', description: 'Email address of the trainee.' },
    course_name: { type: 'string', description: 'Name of the course.' },
    training_type: {
      type: 'string',
      enum: ['security_awareness', 'secure_coding', 'privacy', 'compliance', 'other'],
      description: 'Kind of training.',
    },
    status: { type: 'string', enum: ['completed', 'in_progress', 'assigned', 'overdue'], description: 'Completion status.' },
    assigned_at: { type: 'string', format: 'date-time', description: 'When the course was assigned.' },
    due_date: { type: 'string', format: 'date-time', description: 'When it must be completed.' },
    completed_at: { type: 'string', format: 'date-time', description: 'When it was completed.' },
    score: { type: 'number', minimum: 0, maximum: 100, description: 'Final score in percent, when graded.' },
  },
  required: ['id', 'employee_email', 'course_name', 'status'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const PHISHING_SIMULATION_SCHEMA = {
  type: 'object',
  title: 'PhishingSimulationResult',
  description: "Schema for one person's result in a phishing simulation campaign.",
  properties: {
    id: { type: 'string', description: 'Unique identifier of the result.' },
    campaign_name: { type: 'string', description: 'Name of the campaign.' },
    employee_email: { type: 'string', format: 'email', description: 'Email address of the recipient.' },
    sent_at: { type: 'string', format: 'date-time', description: 'When the simulated email was sent.' },
    outcome: {
      type: 'string',
      enum: ['reported', 'no_action', 'opened', 'clicked', 'submitted_data'],
      description: 'What the recipient did.',
    },
    remedial_training_assigned: { type: 'boolean', description: 'Whether follow-up training was assigned.' },
  },
  required: ['id', 'campaign_name', 'employee_email', 'outcome'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const POLICY_SCHEMA = {
  type: 'object',
  title: 'Policy',
  description: 'Schema for one written security or compliance policy.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the policy.' },
    title: { type: 'string', description: 'Policy title.' },
    version: { type: 'string', description: 'Version currently in force.' },
    status: { type: 'string', enum: ['published', 'approved', 'draft', 'retired'], description: 'Lifecycle status.' },
    owner_email: { type: 'string', format: 'email', description: 'Email of the policy owner.' },
    approved_by: { type: 'string', description: 'Who approved this version.' },
    approved_at: { type: 'string', format: 'date-time', description: 'When this version was approved.' },
    last_reviewed_at: { type: 'string', format: 'date-time', description: 'When the policy was last reviewed.' },
    next_review_due: { type: 'string', format: 'date-time', description: 'When the next review is due.' },
    document_url: { type: 'string', format: 'uri', description: 'Link to the policy document.' },
  },
  required: ['id', 'title', 'status'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const POLICY_ACKNOWLEDGEMENT_SCHEMA = {
  type: 'object',
  title: 'PolicyAcknowledgement',
  description: "Schema for one person's acknowledgement of a policy version.",
  properties: {
    id: { type: 'string', description: 'Unique identifier of the acknowledgement.' },
    policy_id: { type: 'string', description: 'Identifier of the policy, as in Policy records.' },
    policy_title: { type: 'string', description: 'Title of the policy.' },
    policy_version: { type: 'string', description: 'Version that was acknowledged.' },
    employee_email: { type: 'string', format: 'email', description: 'Email address of the person.' },
    status: { type: 'string', enum: ['acknowledged', 'pending', 'overdue'], description: 'Acknowledgement status.' },
    acknowledged_at: { type: 'string', format: 'date-time', description: 'When the policy was acknowledged.' },
  },
  required: ['id', 'policy_id', 'employee_email', 'status'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const INCIDENT_SCHEMA = {
  type: 'object',
  title: 'SecurityIncident',
  description: 'Schema for one security incident, from detection to post-incident review.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the incident.' },
    title: { type: 'string', description: 'Short description of the incident.' },
    severity: { type: 'string', enum: ['critical', 'high', 'medium', 'low'], description: 'Severity rating.' },
    status: {
      type: 'string',
      enum: ['open', 'investigating', 'contained', 'resolved', 'closed'],
      description: 'Where the incident stands.',
    },
    detected_at: { type: 'string', format: 'date-time', description: 'When the incident was detected.' },
    resolved_at: { type: 'string', format: 'date-time', description: 'When the incident was resolved.' },
    owner_email: { type: 'string', format: 'email', description: 'Email of the incident owner.' },
    customers_notified: { type: 'boolean', description: 'Whether affected customers were notified.' },
    postmortem_url: { type: 'string', format: 'uri', description: 'Link to the post-incident review.' },
  },
  required: ['id', 'title', 'severity', 'status', 'detected_at'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

export const BACKUP_SCHEMA = {
  type: 'object',
  title: 'BackupConfiguration',
  description: 'Schema for the backup configuration of one system or data store, and its last restore test.',
  properties: {
    id: { type: 'string', description: 'Unique identifier of the backup plan.' },
    resource_identifier: { type: 'string', description: 'System or data store that is backed up.' },
    resource_name: { type: 'string', description: 'Name of the system or data store.' },
    frequency: { type: 'string', enum: ['daily', 'hourly', 'continuous', 'weekly', 'monthly'], description: 'How often backups run.' },
    retention_days: { type: 'integer', minimum: 0, description: 'Days backups are kept.' },
    encrypted: { type: 'boolean', description: 'Whether backups are encrypted.' },
    last_backup_at: { type: 'string', format: 'date-time', description: 'When the last backup finished.' },
    last_backup_status: { type: 'string', enum: ['succeeded', 'failed', 'partial'], description: 'Outcome of the last backup.' },
    last_restore_test_at: { type: 'string', format: 'date-time', description: 'When a restore was last tested.' },
    last_restore_test_status: { type: 'string', enum: ['succeeded', 'failed'], description: 'Outcome of the last restore test.' },
  },
  required: ['id', 'resource_identifier', 'frequency'],
  'x-record-key': 'id',
} as const satisfies RecordSchema;

// --- Contexts -------------------------------------------------------------------------------

function context(key: string, name: string, description: string, schema: RecordSchema): MonitoringContext {
  return { key, name, description, schema };
}

export const CONTEXTS_V1 = {
  list_employees: context('list_employees', 'Employee records', 'Everyone employed or contracted, with hiring and termination dates.', EMPLOYEE_SCHEMA),
  list_users: context('list_users', 'User access records', 'User accounts in a system, with their roles, groups and admin rights.', USER_ACCESS_RECORD_SCHEMA),
  list_background_checks: context('list_background_checks', 'Background checks', 'Background checks performed for employees.', BACKGROUND_CHECK_SCHEMA),
  list_employee_agreements: context('list_employee_agreements', 'Signed agreements', 'Confidentiality and conduct agreements signed by employees.', EMPLOYEE_AGREEMENT_SCHEMA),
  list_mfa_status: context('list_mfa_status', 'MFA status', 'Multi-factor authentication enrollment per user.', MFA_STATUS_SCHEMA),
  list_access_reviews: context('list_access_reviews', 'Access reviews', 'Periodic reviews of user access per system.', ACCESS_REVIEW_SCHEMA),
  list_password_policies: context('list_password_policies', 'Password policies', 'Password settings configured per system.', PASSWORD_POLICY_SCHEMA),
  list_cloud_resources: context('list_cloud_resources', 'Cloud resources', 'Cloud resources with their encryption, exposure and logging settings.', CLOUD_RESOURCE_SCHEMA),
  list_encryption_keys: context('list_encryption_keys', 'Encryption keys', 'Managed encryption keys and their rotation settings.', ENCRYPTION_KEY_SCHEMA),
  list_devices: context('list_devices', 'Devices', 'Work devices with their security posture.', DEVICE_SCHEMA),
  list_vulnerabilities: context('list_vulnerabilities', 'Vulnerabilities', 'Vulnerability findings and their remediation status.', VULNERABILITY_SCHEMA),
  list_penetration_tests: context('list_penetration_tests', 'Penetration tests', 'Penetration test engagements and their results.', PENETRATION_TEST_SCHEMA),
  list_repositories: context('list_repositories', 'Repositories', 'Source code repositories and their branch protection.', REPOSITORY_SCHEMA),
  list_code_changes: context('list_code_changes', 'Code changes', 'Changes merged to production branches, with their approvals.', CODE_CHANGE_SCHEMA),
  list_vendors: context('list_vendors', 'Vendors', 'Third-party vendors with their risk assessments and agreements.', VENDOR_SCHEMA),
  list_training_completions: context('list_training_completions', 'Training completions', 'Training assignments and completions per person.', TRAINING_COMPLETION_SCHEMA),
  list_phishing_simulations: context('list_phishing_simulations', 'Phishing simulation results', 'Per-person results of phishing simulation campaigns.', PHISHING_SIMULATION_SCHEMA),
  list_policies: context('list_policies', 'Policies', 'Written policies with their approval and review dates.', POLICY_SCHEMA),
  list_policy_acknowledgements: context('list_policy_acknowledgements', 'Policy acknowledgements', 'Acknowledgements of policies by employees.', POLICY_ACKNOWLEDGEMENT_SCHEMA),
  list_incidents: context('list_incidents', 'Security incidents', 'Security incidents and their handling.', INCIDENT_SCHEMA),
  list_backups: context('list_backups', 'Backups', 'Backup configurations and restore tests.', BACKUP_SCHEMA),
} as const satisfies Record<string, MonitoringContext>;

export type ContextKeyV1 = keyof typeof CONTEXTS_V1;
