import { CompaniesUsersSessions1763860000000 } from './1763860000000-companies-users-sessions.js';

/** Every migration, oldest first. A new table or column means a new file here. */
export const migrations = [CompaniesUsersSessions1763860000000];
