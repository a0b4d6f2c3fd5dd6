import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CompaniesUsersSessions1763860000000 implements MigrationInterface {
  name = 'CompaniesUsersSessions1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL CONSTRAINT fk_users_company REFERENCES companies(id) ON DELETE CASCADE,
        name text NOT NULL,
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL DEFAULT 'admin',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_users_email ON users (email)`);
    await q.query(`CREATE INDEX ix_users_company ON users (company_id)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL,
        csrf_hash text NOT NULL,
        user_id uuid NOT NULL CONSTRAINT fk_sessions_user REFERENCES users(id) ON DELETE CASCADE,
        company_id uuid NOT NULL CONSTRAINT fk_sessions_company REFERENCES companies(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_sessions_token_hash ON sessions (token_hash)`);
    await q.query(`CREATE INDEX ix_sessions_expires_at ON sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE companies`);
  }
}
