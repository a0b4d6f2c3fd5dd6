// The Settings tab's auth section: which fields each auth type shows, and the auth object saved
// for them. Only non-secret settings live in `auth`; the secret goes to its own endpoint.
import { AUTH_TYPES, type AuthType } from '@gatehouse/mapping';

export const AUTH_TYPE_LABELS: Record<AuthType, string> = {
  bearer: 'Bearer token',
  api_key_header: 'API key header',
  basic: 'HTTP Basic',
  oauth2_client_credentials: 'OAuth 2.0 client credentials',
};

export const AUTH_TYPE_OPTIONS = AUTH_TYPES.map((value) => ({ value, label: AUTH_TYPE_LABELS[value] }));

export type AuthField = 'api_key_header_name' | 'basic_username' | 'oauth_token_url' | 'oauth_client_id' | 'oauth_scope' | 'oauth_audience';

export type AuthFieldSpec = { field: AuthField; label: string; required: boolean; placeholder?: string; description?: string };

export const AUTH_FIELDS: Record<AuthType, AuthFieldSpec[]> = {
  bearer: [],
  api_key_header: [{ field: 'api_key_header_name', label: 'Header name', required: true, placeholder: 'X-API-Key' }],
  basic: [{ field: 'basic_username', label: 'Username', required: true }],
  oauth2_client_credentials: [
    { field: 'oauth_token_url', label: 'Token URL', required: true, placeholder: 'https://id.example.com/oauth/token' },
    { field: 'oauth_client_id', label: 'Client ID', required: true },
    { field: 'oauth_scope', label: 'Scope', required: false, placeholder: 'users.write groups.read', description: 'Optional, space-separated' },
    { field: 'oauth_audience', label: 'Audience', required: false, description: 'Optional' },
  ],
};

/** What the stored secret is for each auth type. */
export const SECRET_LABELS: Record<AuthType, string> = {
  bearer: 'Bearer token',
  api_key_header: 'API key value',
  basic: 'Password',
  oauth2_client_credentials: 'Client secret',
};

export type AuthFormValues = { type: AuthType | '' } & Record<AuthField, string>;

const FIELDS: AuthField[] = ['api_key_header_name', 'basic_username', 'oauth_token_url', 'oauth_client_id', 'oauth_scope', 'oauth_audience'];

export const isAuthType = (v: unknown): v is AuthType => typeof v === 'string' && (AUTH_TYPES as readonly string[]).includes(v);

/**
 * Form values for a stored auth object. Values of every type are read, so switching the type
 * back and forth in the form keeps what was typed; only the chosen type's fields are saved.
 */
export function authToForm(auth: Record<string, unknown> | null | undefined): AuthFormValues {
  const type = auth?.type;
  const form = { type: isAuthType(type) ? type : '' } as AuthFormValues;
  for (const f of FIELDS) form[f] = typeof auth?.[f] === 'string' ? (auth[f] as string) : '';
  return form;
}

/** The auth object to save: the type and its own fields; empty optional ones are left out. */
export function formToAuth(form: AuthFormValues): Record<string, string> | null {
  if (form.type === '') return null;
  const out: Record<string, string> = { type: form.type };
  for (const spec of AUTH_FIELDS[form.type]) {
    const value = form[spec.field].trim();
    if (value !== '' || spec.required) out[spec.field] = value;
  }
  return out;
}
