/** Where the app's database is: the server from DATABASE_URL, or the embedded engine's socket. */
export type DatabaseTarget = { url: string; embedded: boolean };

export const DATABASE_TARGET = Symbol('DATABASE_TARGET');
