// House rules that a type checker cannot see. Exits non-zero with file:line for each breach.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx', '*.mjs'], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);

const rules = [
  {
    // libs/ is shared by the API and the browser: pure TypeScript only.
    applies: (f) => /^libs\/[^/]+\/src\//.test(f),
    pattern: /from ['"](@nestjs\/|react|react-dom|typeorm|pg|axios|express|node:(fs|http|https|net|child_process|dns)|fs|http|https|net|child_process)['"/]/,
    message: 'libs/ must stay pure: no Nest, React, database, network or file-system imports',
  },
  { applies: (f) => f.endsWith('.ts'), pattern: /synchronize:\s*true/, message: 'schema changes go through migrations, never synchronize' },
  { applies: (f) => /\.(spec|e2e-spec|browser)\.tsx?$/.test(f), pattern: /\b(it|describe|test)\.only\(/, message: '.only left in a test' },
  { applies: (f) => /^apps\/api\/src\//.test(f) && !f.endsWith('.spec.ts'), pattern: /console\.(log|debug|info)\(/, message: 'use the Nest logger (structured, redacted), not console' },
  { applies: (f) => /^apps\/api\/src\/.*\.controller\.ts$/.test(f), pattern: /\btry\s*\{/, message: 'controllers stay thin: no try/catch (throw AppError from the service)' },
];

let problems = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue;
  }
  const lines = text.split('\n');
  for (const rule of rules) {
    if (!rule.applies(file)) continue;
    lines.forEach((line, i) => {
      if (rule.pattern.test(line)) {
        problems += 1;
        console.log(`${file}:${i + 1}: ${rule.message}`);
      }
    });
  }
}
if (problems) {
  console.log(`\n${problems} problem(s)`);
  process.exit(1);
}
console.log(`lint: ${files.length} files checked, no problems`);
