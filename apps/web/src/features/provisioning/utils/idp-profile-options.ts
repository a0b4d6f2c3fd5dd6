import { IDP_PROFILES, type IdpProfile } from '@gatehouse/contracts';

/** What each IdP profile means to the admin choosing it, in the order IDP_PROFILES lists them. */
const DESCRIPTIONS: Record<IdpProfile, { label: string; description: string }> = {
  entra: {
    label: 'Microsoft Entra ID',
    description: "PATCH is answered 204 No Content, as Entra ID and Microsoft's SCIM validator expect; PUT 200 with the user or group. Entra's \"True\"/\"False\" values are read as booleans (under every profile).",
  },
  okta: {
    label: 'Okta',
    description: "PATCH and PUT are answered 200 with the user or group, as in Okta's SCIM guide.",
  },
  generic: {
    label: 'Generic (default)',
    description: 'PATCH and PUT are answered 200 with the user or group: every SCIM client reads this answer. Choose it for any other identity provider.',
  },
};

export const IDP_PROFILE_OPTIONS = IDP_PROFILES.map((value) => ({ value, ...DESCRIPTIONS[value] }));
