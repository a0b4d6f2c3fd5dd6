import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The request bodies and mappings published in the guides, verbatim; the API's tests read the
// same files.
const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../api/test/fixtures/documented');

export type RequestBody = { data: Record<string, unknown>[] };
export const DOCUMENTED_EMPLOYEES_BODY: RequestBody = JSON.parse(readFileSync(join(dir, 'seed-list-employees.json'), 'utf8'));
export const DOCUMENTED_USERS_BODY: RequestBody = JSON.parse(readFileSync(join(dir, 'seed-list-users.json'), 'utf8'));
/** The create_group mapping of the Custom HTTP guide's full example. */
export const DOCUMENTED_CREATE_GROUP_MAPPING: Record<string, unknown> = JSON.parse(readFileSync(join(dir, 'seed-custom-http-create-group.json'), 'utf8'));
