import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { loggerOptions } from './common/logging.js';
import { DATABASE_TARGET } from './database/database-target.js';
import { migrations } from './database/migrations/index.js';
import { poolSize } from './database/pool-size.js';
import { databaseSetupProvider } from './database/database-setup.js';
import { resilientPg } from './database/resilient-pool.js';
import { ApiKeysModule } from './modules/api-keys/api-keys.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CompaniesModule } from './modules/companies/companies.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { HttpConnectorModule } from './modules/http-connector/http-connector.module.js';
import { IngestModule } from './modules/ingest/ingest.module.js';
import { IntegrationsModule } from './modules/integrations/integrations.module.js';
import { SchemasModule } from './modules/schemas/schemas.module.js';
import { ScimModule } from './modules/scim/scim.module.js';

export type AppModuleOptions = {
  config: AppConfig;
  databaseUrl: string;
  embeddedDatabase: boolean;
  logStream?: DestinationStream;
};

@Module({})
export class AppModule {
  static forRoot(opts: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ app: opts.config })] }),
        LoggerModule.forRoot(loggerOptions(opts.config, opts.logStream)),
        TypeOrmModule.forRoot({
          type: 'postgres',
          // pg with a pool that retries, once, a safe statement whose connection died under it.
          driver: resilientPg,
          url: opts.databaseUrl,
          autoLoadEntities: true,
          synchronize: false,
          migrations,
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          extra: { max: poolSize(opts.embeddedDatabase, opts.config.dbPoolSize), idleTimeoutMillis: opts.config.dbPoolIdleTimeoutMs },
          logging: false,
        }),
        DiscoveryModule,
        HealthModule,
        AuthModule,
        CompaniesModule,
        ApiKeysModule,
        HttpConnectorModule,
        SchemasModule,
        IntegrationsModule,
        IngestModule,
        ScimModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: opts.config },
        { provide: DATABASE_TARGET, useValue: { url: opts.databaseUrl, embedded: opts.embeddedDatabase } },
        databaseSetupProvider,
      ],
      exports: [APP_CONFIG, DATABASE_TARGET],
      global: true,
    };
  }
}
