// Catalog v1: the monitorings an integration can feed, grouped by category.
//
// Versioning: keys (categories, monitorings, contexts) are stored by integrations and appear in
// customers' endpoint URLs, so they are never renamed or removed within a version, and a schema
// never becomes stricter within a version. Adding monitorings, contexts or optional fields is
// fine in place; anything else goes into a new file (v2.ts) with CATALOG_VERSION bumped.
import { deepFreeze } from '../deep-freeze.js';
import type { MonitoringCatalog } from './types.js';
import { CONTEXTS_V1 as C } from './v1-contexts.js';

export const CATALOG_VERSION = 1;

export const CATALOG_V1 = deepFreeze({
  version: CATALOG_VERSION,
  categories: [
    { key: 'hr', name: 'HR', description: 'Hiring, offboarding and personnel security of employees and contractors.' },
    { key: 'identity_access', name: 'Identity & Access', description: 'Who can access which systems, how they sign in, and how access is reviewed.' },
    { key: 'cloud_infrastructure', name: 'Cloud Infrastructure', description: 'Security configuration of cloud accounts and the resources in them.' },
    { key: 'endpoints_devices', name: 'Endpoints & Devices', description: 'Security posture of laptops, desktops and mobile devices used for work.' },
    { key: 'vulnerability_management', name: 'Vulnerability Management', description: 'Finding and fixing vulnerabilities in time.' },
    { key: 'software_development', name: 'Software Development', description: 'How code changes are protected, reviewed and shipped.' },
    { key: 'vendor_management', name: 'Vendor Management', description: 'Due diligence and oversight of third parties that handle company data.' },
    { key: 'security_awareness_training', name: 'Security Awareness & Training', description: 'Training people to recognise and avoid security risks.' },
    { key: 'policies', name: 'Policies', description: 'Written policies, their approval, review and acknowledgement.' },
    { key: 'incident_management', name: 'Incident Management', description: 'Detecting, handling and learning from security incidents.' },
    { key: 'business_continuity', name: 'Business Continuity', description: 'Backups and the ability to restore service after a failure.' },
  ],
  monitorings: [
    // HR
    {
      key: 'employee_onboarding_offboarding',
      name: 'Employee onboarding and offboarding',
      description: 'Every hire and departure is recorded with dates, so the auditor can sample joiners and leavers and trace onboarding and offboarding steps for each.',
      category: 'hr',
      contexts: [C.list_employees],
    },
    {
      key: 'background_checks',
      name: 'Background checks',
      description: 'Every employee in a role that requires it had a background check completed before or shortly after their start date.',
      category: 'hr',
      contexts: [C.list_employees, C.list_background_checks],
    },
    {
      key: 'confidentiality_agreements',
      name: 'Confidentiality agreements signed',
      description: 'Every employee and contractor signed a confidentiality agreement and the code of conduct when they joined.',
      category: 'hr',
      contexts: [C.list_employees, C.list_employee_agreements],
    },
    // Identity & Access
    {
      key: 'user_access_review',
      name: 'User access review',
      description: 'Access to in-scope systems is reviewed periodically by an accountable owner, and inappropriate access found in the review is removed.',
      category: 'identity_access',
      contexts: [C.list_users, C.list_access_reviews],
    },
    {
      key: 'terminated_user_access_removal',
      name: 'Access removed for departed employees',
      description: 'Accounts of people who left the company are disabled or removed promptly after their termination date.',
      category: 'identity_access',
      contexts: [C.list_employees, C.list_users],
    },
    {
      key: 'privileged_access',
      name: 'Privileged access is limited',
      description: 'Admin rights are held only by the people who need them, and every admin account belongs to a current employee.',
      category: 'identity_access',
      contexts: [C.list_users],
    },
    {
      key: 'mfa_enforcement',
      name: 'MFA enforcement',
      description: 'Multi-factor authentication is required and enrolled for every user of in-scope systems, with particular attention to admins.',
      category: 'identity_access',
      contexts: [C.list_mfa_status],
    },
    {
      key: 'password_policy',
      name: 'Password policy',
      description: 'Systems that use passwords enforce a minimum length, complexity, reuse prevention and lockout, or delegate sign-in to single sign-on.',
      category: 'identity_access',
      contexts: [C.list_password_policies],
    },
    // Cloud Infrastructure
    {
      key: 'cloud_encryption_at_rest',
      name: 'Cloud data encrypted at rest',
      description: 'Storage, databases and volumes holding company or customer data are encrypted at rest.',
      category: 'cloud_infrastructure',
      contexts: [C.list_cloud_resources],
    },
    {
      key: 'cloud_public_exposure',
      name: 'No unintended public cloud resources',
      description: 'Cloud resources are not reachable from the internet unless they are meant to be.',
      category: 'cloud_infrastructure',
      contexts: [C.list_cloud_resources],
    },
    {
      key: 'cloud_audit_logging',
      name: 'Cloud audit logging enabled',
      description: 'Access and audit logging is enabled on cloud resources, so security events can be investigated.',
      category: 'cloud_infrastructure',
      contexts: [C.list_cloud_resources],
    },
    {
      key: 'encryption_key_rotation',
      name: 'Encryption key rotation',
      description: 'Managed encryption keys rotate automatically at least yearly.',
      category: 'cloud_infrastructure',
      contexts: [C.list_encryption_keys],
    },
    // Endpoints & Devices
    {
      key: 'device_disk_encryption',
      name: 'Device disk encryption',
      description: 'Every work device has full-disk encryption turned on, so a lost or stolen device does not expose data.',
      category: 'endpoints_devices',
      contexts: [C.list_devices],
    },
    {
      key: 'device_screen_lock',
      name: 'Device screen lock',
      description: 'Every work device locks its screen automatically after a short idle period.',
      category: 'endpoints_devices',
      contexts: [C.list_devices],
    },
    {
      key: 'endpoint_protection',
      name: 'Endpoint protection',
      description: 'Anti-malware or EDR protection and the host firewall are running on every work device.',
      category: 'endpoints_devices',
      contexts: [C.list_devices],
    },
    {
      key: 'device_os_updates',
      name: 'Device operating system updates',
      description: 'Work devices run a supported operating system with current security updates installed.',
      category: 'endpoints_devices',
      contexts: [C.list_devices],
    },
    // Vulnerability Management
    {
      key: 'vulnerability_remediation',
      name: 'Vulnerability remediation within SLA',
      description: 'Vulnerabilities are tracked from detection and fixed within the deadline set for their severity; exceptions are risk-accepted explicitly.',
      category: 'vulnerability_management',
      contexts: [C.list_vulnerabilities],
    },
    {
      key: 'penetration_testing',
      name: 'Penetration testing',
      description: 'An independent penetration test is performed at least yearly and its critical and high findings are remediated.',
      category: 'vulnerability_management',
      contexts: [C.list_penetration_tests],
    },
    // Software Development
    {
      key: 'branch_protection',
      name: 'Branch protection',
      description: 'Production branches are protected: no direct pushes or history rewrites, and CI checks must pass before merging.',
      category: 'software_development',
      contexts: [C.list_repositories],
    },
    {
      key: 'code_review',
      name: 'Code changes are peer-reviewed',
      description: 'Every change merged to production was approved by someone other than its author.',
      category: 'software_development',
      contexts: [C.list_repositories, C.list_code_changes],
    },
    // Vendor Management
    {
      key: 'vendor_risk_assessment',
      name: 'Vendor risk assessment',
      description: 'Every vendor is risk-rated and assessed before onboarding and then periodically according to its risk.',
      category: 'vendor_management',
      contexts: [C.list_vendors],
    },
    {
      key: 'vendor_security_reports',
      name: 'Vendor security reports',
      description: 'A current independent security report (SOC 2, ISO 27001, ...) is on file for every high-risk vendor.',
      category: 'vendor_management',
      contexts: [C.list_vendors],
    },
    {
      key: 'data_processing_agreements',
      name: 'Data processing agreements',
      description: 'Every vendor that processes customer data has signed a data processing agreement.',
      category: 'vendor_management',
      contexts: [C.list_vendors],
    },
    // Security Awareness & Training
    {
      key: 'security_awareness_training',
      name: 'Security awareness training',
      description: 'Every employee completes security awareness training when they join and at least yearly after.',
      category: 'security_awareness_training',
      contexts: [C.list_employees, C.list_training_completions],
    },
    {
      key: 'secure_coding_training',
      name: 'Secure coding training',
      description: 'Engineers complete secure coding training at least yearly.',
      category: 'security_awareness_training',
      contexts: [C.list_training_completions],
    },
    {
      key: 'phishing_simulation',
      name: 'Phishing simulations',
      description: 'Employees receive regular phishing simulations, and those who fall for one get follow-up training.',
      category: 'security_awareness_training',
      contexts: [C.list_phishing_simulations],
    },
    // Policies
    {
      key: 'policy_approval_review',
      name: 'Policies approved and reviewed',
      description: 'Security policies are approved by management and reviewed at least yearly.',
      category: 'policies',
      contexts: [C.list_policies],
    },
    {
      key: 'policy_acknowledgement',
      name: 'Policy acknowledgement',
      description: 'Every employee acknowledged the current version of the policies that apply to them.',
      category: 'policies',
      contexts: [C.list_employees, C.list_policy_acknowledgements],
    },
    // Incident Management
    {
      key: 'incident_response',
      name: 'Security incidents tracked and resolved',
      description: 'Security incidents are recorded with severity and timeline, resolved, and followed by a post-incident review.',
      category: 'incident_management',
      contexts: [C.list_incidents],
    },
    // Business Continuity
    {
      key: 'backup_configuration',
      name: 'Backups configured',
      description: 'Production data stores are backed up on schedule, encrypted, and kept for the required retention period.',
      category: 'business_continuity',
      contexts: [C.list_backups],
    },
    {
      key: 'backup_restore_testing',
      name: 'Backup restore testing',
      description: 'Restoring from backup is tested at least yearly and the test succeeds.',
      category: 'business_continuity',
      contexts: [C.list_backups],
    },
  ],
} satisfies MonitoringCatalog) as MonitoringCatalog;
