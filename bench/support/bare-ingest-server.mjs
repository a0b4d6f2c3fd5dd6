// The least an ingest endpoint can do per push, as a bare node:http server with no framework:
// read the body, JSON.parse it, validate each record with the same validator the API uses,
// look the API key up by its hash and the integration's selection in the database, and store
// the submission with its records in one statement. No logging, no rate limit, no idempotency,
// no retention, no refusal bookkeeping. bench/ingest.mjs runs it as a separate process against
// the same database and load, to show what this machine allows any implementation.
//
//   DATABASE_URL=postgres://… node bench/support/bare-ingest-server.mjs   → prints "listening <port>"
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pg = createRequire(join(root, 'apps/api/package.json'))('pg');
const { getContextSchema, getRecordValidator } = await import(pathToFileURL(join(root, 'libs/schemas/dist/index.js')).href);

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`
  CREATE TABLE IF NOT EXISTS bench_bare_submissions (id bigserial PRIMARY KEY, integration_id uuid NOT NULL, record_count integer NOT NULL, received_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS bench_bare_records (submission_id bigint NOT NULL REFERENCES bench_bare_submissions(id), idx integer NOT NULL, data jsonb NOT NULL, PRIMARY KEY (submission_id, idx));`);
const validator = getRecordValidator(getContextSchema('list_employees'));
const PATH = /^\/external\/v2\/integration\/([0-9a-f-]{36})\/context\/list_employees$/;

const answer = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
};

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const match = PATH.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return answer(res, 404, { message: 'not found' });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const result = validator.validateRequestBody(body);
      if (!result.valid) return answer(res, 400, { errors: result.errors });
      const hash = createHash('sha256').update(String(req.headers['x-api-key'] ?? ''), 'utf8').digest('hex');
      const auth = await pool.query(
        `SELECT k.company_id FROM api_keys k JOIN integrations i ON i.company_id = k.company_id
          WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND k.expires_at > now() AND i.id = $2`,
        [hash, match[1]],
      );
      if (auth.rows.length === 0) return answer(res, 401, { message: 'unknown key or integration' });
      const stored = await pool.query(
        `WITH s AS (INSERT INTO bench_bare_submissions (integration_id, record_count) VALUES ($1, $2) RETURNING id, received_at)
         , r AS (INSERT INTO bench_bare_records SELECT s.id, e.ord - 1, e.value FROM s, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(value, ord))
         SELECT id, received_at FROM s`,
        [match[1], body.data.length, JSON.stringify(body.data)],
      );
      answer(res, 200, { submissionId: stored.rows[0].id, integrationId: match[1], context: 'list_employees', accepted: body.data.length, receivedAt: stored.rows[0].received_at });
    } catch (err) {
      answer(res, 500, { message: err.message });
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.once('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
