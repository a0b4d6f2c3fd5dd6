import { Logger, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DATABASE_TARGET, type DatabaseTarget } from './database-target.js';
import { allowNamedStatements } from './prepared.js';
import { ResilientPool } from './resilient-pool.js';

export const DATABASE_SETUP = Symbol('DATABASE_SETUP');

/**
 * What the app's pool does beyond TypeORM's defaults, set once the data source is up: named
 * prepared statements only where each connection has a session of its own (a server, not the
 * embedded engine), and a log line for each statement retried on a fresh connection.
 */
export const databaseSetupProvider: Provider = {
  provide: DATABASE_SETUP,
  inject: [getDataSourceToken(), DATABASE_TARGET],
  useFactory: (dataSource: DataSource, target: DatabaseTarget) => {
    if (!target.embedded) allowNamedStatements(dataSource);
    const pool = (dataSource.driver as unknown as { master?: unknown }).master;
    if (pool instanceof ResilientPool) {
      const logger = new Logger('Database');
      pool.onRetry = (err) => logger.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'A pooled connection was lost; the statement ran again on a new one');
    }
    return true;
  },
};
