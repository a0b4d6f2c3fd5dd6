import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mainJs = join(apiRoot, 'dist/main.js');

export type ProductProcess = { url: string; output: () => string; kill: () => Promise<void>; stop: () => Promise<void> };

/**
 * The built product started as `pnpm start` starts it, on a free port: on the PostgreSQL server
 * at `databaseUrl`, or (null) on the embedded engine in `dataDir`. `kill` is a crash (SIGKILL:
 * no shutdown hook runs, open transactions and sockets are cut where they are).
 */
export async function startProductProcess(opts: { databaseUrl: string | null; dataDir: string; env?: Record<string, string> }): Promise<ProductProcess> {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run "pnpm --filter @gatehouse/api build" first`);
  const child: ChildProcess = spawn(process.execPath, [mainJs], {
    cwd: dirname(dirname(apiRoot)),
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl ?? '',
      DATA_DIR: opts.dataDir,
      PORT: '0',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ALLOW_PRIVATE_NETWORK_TARGETS: 'true',
      SIGNUP_MAX_PER_IP: '100000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the product did not start in 90 s:\n${out}`)), 90_000);
    child.stdout!.on('data', () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the product exited before it started:\n${out}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, output: () => out, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
