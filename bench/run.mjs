// Runs every benchmark in this folder, one after the other (`pnpm bench` builds first).
// Benchmarks print their figures; they do not assert, so a slow run never fails CI.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== bench/${file}`);
  const result = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.log(`=== bench/${file} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed ? 1 : 0);
