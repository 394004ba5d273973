/**
 * Versioned schema migrations, in code so they ship with the server and run on start. Never edit a
 * migration that has shipped: add the next one. Each is tested on both stores, including on data
 * written by the version before it (test/server/migrations.test.ts).
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0001_accounts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('unions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('devices_union_id').on('devices').column('union_id').execute();
      await db.schema
        .createTable('enrolment_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('max_uses', 'integer', (c) => c.notNull())
        .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('district_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('district_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('district_users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['district_sessions', 'district_users', 'enrolment_codes', 'devices', 'unions'])
        await db.schema.dropTable(table).execute();
    },
  },
  '0002_reports': {
    async up(db: Kysely<unknown>) {
      // Each union's change counter only grows. A writer bumps it first thing in its transaction, which
      // also locks the union's row: writes of one union queue, so its change_seq order is commit order
      // and a cursor never skips a change committed late; different unions write in parallel.
      await db.schema.alterTable('unions').addColumn('change_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('review', 'text')
        .addColumn('saved_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('change_seq', 'integer', (c) => c.notNull())
        .addUniqueConstraint('reports_one_per_period', ['union_id', 'year', 'kind'])
        .execute();
      await db.schema.createIndex('reports_union_changes').on('reports').columns(['union_id', 'change_seq']).execute();
      await db.schema.createIndex('reports_period').on('reports').columns(['year', 'kind']).execute();
      await db.schema
        .createTable('report_revisions')
        .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.references('devices.id'))
        .addColumn('saved_at', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_revisions_pk', ['report_id', 'revision'])
        .execute();
      await db.schema
        .createTable('idempotency')
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_pk', ['device_id', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_created_at').on('idempotency').column('created_at').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['idempotency', 'report_revisions', 'reports']) await db.schema.dropTable(table).execute();
      await db.schema.alterTable('unions').dropColumn('change_seq').execute();
    },
  },
  '0003_union_profile': {
    // A union record as the district keeps it: its code, the employer, the sector. Unions created
    // before get an empty employer and sector and no code, which the district can fill in later.
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema.alterTable('unions').addColumn('code', 'text').execute();
      await db.schema.alterTable('unions').addColumn('employer', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('unions').addColumn('sector', 'text', (c) => c.notNull().defaultTo('')).execute();
      // Both stores let several rows hold NULL in a unique index: only given codes must differ.
      await db.schema.createIndex('unions_code').unique().on('unions').column('code').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('unions_code').execute();
      for (const column of ['sector', 'employer', 'code']) await db.schema.alterTable('unions').dropColumn(column).execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) as string;
