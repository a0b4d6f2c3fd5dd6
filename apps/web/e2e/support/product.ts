import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const mainJs = join(repoRoot, 'apps/api/dist/main.js');

export type Product = { url: string; dataDir: string; output: () => string; stop: () => Promise<void> };

/**
 * Starts the built product exactly as `pnpm start` does (API + web on one port), on a free
 * port, with the embedded database in `dataDir` (a new temporary folder unless given).
 */
export async function startProduct(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<Product> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [mainJs], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', PORT: '0', DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'warn', ALLOW_PRIVATE_NETWORK_TARGETS: 'true', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`product did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`product exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => out,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}
