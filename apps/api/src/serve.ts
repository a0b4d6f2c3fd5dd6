// Starts the app; loaded by main.ts once the heap is set up.
import { ConfigError, loadConfig } from './config/config.js';
import { openDatabase } from './database/embedded-postgres.js';
import { createApp } from './app.js';
import { capYoungGeneration } from './young-generation.js';

/** Young generation once the app runs: half of V8's largest, about as fast under load (young-generation.ts). */
const YOUNG_GENERATION_BYTES = 16 * 1024 * 1024;

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const db = await openDatabase(config.databaseUrl, config.dataDir, config.dbPoolSize);
  const app = await createApp({ config, databaseUrl: db.url, embeddedDatabase: db.embedded });
  const stop = async () => {
    await app.close();
    await db.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen(config.port, config.host);
  capYoungGeneration(YOUNG_GENERATION_BYTES);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Without PUBLIC_URL, endpoints and SCIM URLs point at the port actually bound (PORT=0 picks one).
  if (!process.env.PUBLIC_URL) config.publicUrl = `http://localhost:${port}`;
  const where = config.databaseUrl ? 'PostgreSQL from DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`;
  process.stdout.write(`Gatehouse is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port} (${where})\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`Gatehouse failed to start: ${err.message}\n`);
  process.exit(1);
});
