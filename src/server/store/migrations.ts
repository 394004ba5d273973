/**
 * Versioned schema migrations, in code so they ship with the server and run on start. Never edit a
 * migration that has shipped: add the next one. Each is tested on both stores, including on data
 * written by the version before it (test/server/migrations.test.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { DIALOGUE_KIND_COLUMNS, dialogueKindFigures, reportFigures } from './figures';

/** Names the upgrade gives the two nodes it makes; the province's administrator renames them (admin update-node). */
export const UPGRADE_PROVINCE_NAME = 'Liên đoàn Lao động tỉnh (đặt tên trong mục quản trị)';
export const UPGRADE_DISTRICT_NAME = 'Liên đoàn Lao động huyện (trước 01/7/2025)';

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
  '0004_organisation_tree': {
    // The organisation tree (docs/decisions/0003-organisation-tree.md): upper-level nodes with a
    // materialised path, CĐCS under a node, staff on a node with a role, the superior a report was
    // filed under, and the report figures as columns. A database written by a one-district server
    // becomes one historical `district` node under a province node, its users that node's admins.
    async up(untyped: Kysely<unknown>) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on tables as they are at its time, not on today's Database type
      const db = untyped as Kysely<any>;
      await db.schema
        .createTable('nodes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('code', 'text')
        .addColumn('parent_id', 'text', (c) => c.references('nodes.id'))
        .addColumn('path', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('nodes_code').unique().on('nodes').column('code').execute();
      await db.schema.createIndex('nodes_parent').on('nodes').column('parent_id').execute();
      await db.schema
        .createTable('staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('node_id', 'text', (c) => c.notNull().references('nodes.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('staff_node').on('staff').column('node_id').execute();
      await db.schema
        .createTable('staff_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').column('staff_id').execute();
      await db.schema
        .createTable('union_moves')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
        .addColumn('from_node_id', 'text')
        .addColumn('from_name', 'text')
        .addColumn('to_node_id', 'text', (c) => c.notNull())
        .addColumn('to_name', 'text', (c) => c.notNull())
        .addColumn('effective_date', 'text', (c) => c.notNull())
        .addColumn('moved_at', 'text', (c) => c.notNull())
        .addColumn('moved_by_staff_id', 'text')
        .addColumn('moved_by_username', 'text')
        .execute();
      await db.schema.createIndex('union_moves_union').on('union_moves').columns(['union_id', 'moved_at']).execute();
      await db.schema.alterTable('unions').addColumn('superior_id', 'text', (c) => c.references('nodes.id')).execute();
      await db.schema.createIndex('unions_superior').on('unions').column('superior_id').execute();
      await db.schema.alterTable('reports').addColumn('superior_id', 'text', (c) => c.references('nodes.id')).execute();
      await db.schema.alterTable('reports').addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')).execute();
      await db.schema.alterTable('reports').addColumn('review_status', 'text').execute();
      await db.schema.alterTable('reports').addColumn('workers', 'integer').execute();
      await db.schema.alterTable('reports').addColumn('members', 'integer').execute();
      await db.schema.alterTable('reports').addColumn('meets_target', 'integer').execute();
      await db.schema.alterTable('reports').addColumn('dialogue_sessions', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // The overviews read these two indexes only, never the rows with their documents: each holds every
      // figure column, so SQLite answers from the index (a row read per CĐCS cost ~50 ms at 6,000).
      const figures = ['id', 'status', 'review_status', 'workers', 'members', 'meets_target', 'dialogue_sessions'];
      await db.schema.createIndex('reports_filed').on('reports').columns(['superior_id', 'year', 'kind', 'union_id', ...figures]).execute();
      await db.schema.createIndex('reports_union_figures').on('reports').columns(['union_id', 'year', 'kind', 'superior_id', ...figures]).execute();

      // ---- what a one-district server wrote ----
      const unions = (await db.selectFrom('unions').select(['id', 'created_at']).execute()) as { id: string; created_at: string }[];
      const users = (await db.selectFrom('district_users').selectAll().execute()) as {
        id: string;
        username: string;
        password_hash: string;
        created_at: string;
      }[];
      if (unions.length > 0 || users.length > 0) {
        const now = new Date().toISOString();
        const provinceId = randomUUID();
        const districtId = randomUUID();
        await db.insertInto('nodes').values([
          { id: provinceId, kind: 'province', name: UPGRADE_PROVINCE_NAME, short_name: '', code: null, parent_id: null, path: `/${provinceId}/`, created_at: now },
          { id: districtId, kind: 'district', name: UPGRADE_DISTRICT_NAME, short_name: '', code: null, parent_id: provinceId, path: `/${provinceId}/${districtId}/`, created_at: now },
        ]).execute();
        await db.updateTable('unions').set({ superior_id: districtId }).execute();
        for (const union of unions)
          await db.insertInto('union_moves').values({
            id: randomUUID(),
            union_id: union.id,
            from_node_id: null,
            from_name: null,
            to_node_id: districtId,
            to_name: UPGRADE_DISTRICT_NAME,
            effective_date: union.created_at.slice(0, 10),
            moved_at: now,
            moved_by_staff_id: null,
            moved_by_username: null,
          }).execute();
        for (const user of users)
          await db.insertInto('staff').values({ ...user, node_id: districtId, role: 'admin' }).execute();
        // Signed-in district users stay signed in.
        const sessions = await db.selectFrom('district_sessions').selectAll().execute();
        for (const session of sessions as { token_hash: string; user_id: string; created_at: string; expires_at: string }[])
          await db.insertInto('staff_sessions').values({ token_hash: session.token_hash, staff_id: session.user_id, created_at: session.created_at, expires_at: session.expires_at }).execute();
        // Every report the district received was filed under it; figures out of each document, a page at a time.
        let after = '';
        for (;;) {
          const page = (await db.selectFrom('reports').select(['id', 'document', 'review']).where('id', '>', after).orderBy('id').limit(500).execute()) as {
            id: string;
            document: string;
            review: string | null;
          }[];
          for (const report of page) {
            const figures = reportFigures(report.document, report.review);
            const filed = figures.status === 'ready' || figures.review_status !== null;
            await db.updateTable('reports').set({ ...figures, superior_id: filed ? districtId : null }).where('id', '=', report.id).execute();
          }
          if (page.length < 500) break;
          after = (page.at(-1) as { id: string }).id;
        }
      }
      await db.schema.dropTable('district_sessions').execute();
      await db.schema.dropTable('district_users').execute();
    },
  },
  '0005_dialogue_kinds': {
    // The superior's summary counts dialogue sessions by kind (issue 8): one integer column per kind, so
    // that both stores sum them as they sum dialogue_sessions, filled from every report's document.
    async up(untyped: Kysely<unknown>) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on tables as they are at its time, not on today's Database type
      const db = untyped as Kysely<any>;
      const columns = Object.values(DIALOGUE_KIND_COLUMNS);
      for (const column of columns) await db.schema.alterTable('reports').addColumn(column, 'integer', (c) => c.notNull().defaultTo(0)).execute();
      let after = '';
      for (;;) {
        const page = (await db.selectFrom('reports').select(['id', 'document']).where('id', '>', after).orderBy('id').limit(500).execute()) as {
          id: string;
          document: string;
        }[];
        for (const report of page) await db.updateTable('reports').set(dialogueKindFigures(report.document)).where('id', '=', report.id).execute();
        if (page.length < 500) break;
        after = (page.at(-1) as { id: string }).id;
      }
      // The overviews still read only the two covering indexes (see 0004): they now hold the kinds too.
      const figures = ['id', 'status', 'review_status', 'workers', 'members', 'meets_target', 'dialogue_sessions', ...columns];
      await db.schema.dropIndex('reports_filed').execute();
      await db.schema.dropIndex('reports_union_figures').execute();
      await db.schema.createIndex('reports_filed').on('reports').columns(['superior_id', 'year', 'kind', 'union_id', ...figures]).execute();
      await db.schema.createIndex('reports_union_figures').on('reports').columns(['union_id', 'year', 'kind', 'superior_id', ...figures]).execute();
      },
    },
  '0009_reporting_rounds': {
    // Reporting rounds (src/domain/round.ts): a node opens one per period, with its dates and
    // deadline; a closed round can be reopened for one CĐCS. Numbered apart from the tree's own
    // migrations so that both can land in either order.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reporting_rounds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('node_id', 'text', (c) => c.notNull().references('nodes.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('activities_from', 'text', (c) => c.notNull())
        .addColumn('activities_to', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('opened_by_staff_id', 'text')
        .addColumn('closed_at', 'text')
        .addUniqueConstraint('reporting_rounds_node_period', ['node_id', 'year', 'kind'])
        .execute();
      await db.schema
        .createTable('round_reopenings')
        .addColumn('round_id', 'text', (c) => c.notNull().references('reporting_rounds.id'))
        .addColumn('union_id', 'text', (c) => c.notNull().references('unions.id'))
        .addColumn('reopened_at', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text')
        .addPrimaryKeyConstraint('round_reopenings_pk', ['round_id', 'union_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('round_reopenings').execute();
      await db.schema.dropTable('reporting_rounds').execute();
    },
  },
  '0010_review_decisions': {
    // Every review decision is kept, not only the last (reports.review still holds the last one, which
    // the change feed carries to the phones). The decisions made before are carried over: one per
    // reviewed report, without its author, which was never stored.
    async up(untyped: Kysely<unknown>) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on tables as they are at its time, not on today's Database type
      const db = untyped as Kysely<any>;
      await db.schema
        .createTable('review_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
        .addColumn('revision', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text')
        .addColumn('staff_username', 'text')
        .execute();
      await db.schema.createIndex('review_decisions_report').on('review_decisions').columns(['report_id', 'decided_at']).execute();
      let after = '';
      for (;;) {
        const page = (await db
          .selectFrom('reports')
          .select(['id', 'review'])
          .where('review', 'is not', null)
          .where('id', '>', after)
          .orderBy('id')
          .limit(500)
          .execute()) as { id: string; review: string }[];
        for (const report of page) {
          const review = JSON.parse(report.review) as { status: string; comment?: string; decidedAt: string; revision?: string };
          await db
            .insertInto('review_decisions')
            .values({
              id: randomUUID(),
              report_id: report.id,
              revision: review.revision !== undefined && /^\d{1,9}$/.test(review.revision) ? Number(review.revision) : null,
              status: review.status,
              comment: review.comment ?? '',
              decided_at: review.decidedAt,
              staff_id: null,
              staff_username: null,
            })
            .execute();
        }
        if (page.length < 500) break;
        after = (page.at(-1) as { id: string }).id;
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('review_decisions').execute();
    },
  },
  '0011_attempt_windows': {
    // Rate limits shared by every process on one database (src/server/store/attemptWindows.ts): a
    // window per key, and the guesses being evaluated as rows of their own, so that the slots of a
    // process that died are recognised by their age instead of holding a counter up.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('attempt_windows')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_ends_at', 'text', (c) => c.notNull())
        .addColumn('counted', 'integer', (c) => c.notNull())
        .execute();
      // The maintenance job deletes ended windows by this column.
      await db.schema.createIndex('attempt_windows_ends').on('attempt_windows').column('window_ends_at').execute();
      await db.schema
        .createTable('attempt_slots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attempt_slots_key').on('attempt_slots').columns(['key', 'started_at']).execute();
    },
    // Forward only: nothing migrates down (a release that no longer knows these tables ignores them).
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) as string;
