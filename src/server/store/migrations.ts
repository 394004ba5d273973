/**
 * Versioned schema migrations, in code so they ship with the server and run on start. Never edit a
 * migration that has shipped: add the next one. Each is tested on both stores, including on data
 * written by the version before it (test/server/store/migrations.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { formValueRows } from './reportValues';
import { addContribution, addToValueSums, changedSums } from './reportValueSums';
import type { Queries, ReportValueSumsTable, ReportValuesTable } from './schema';
import { BUILTIN_FORMS } from '../../domain/forms/reportForm';
import { PLAN94_FORM } from '../../domain/forms/builtin/plan94';
import type { FormDefinition } from '../../domain/forms/definition';
import { vietnamDate } from '../../domain/calendar';
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
            // The day the union was created, in Vietnam (as every date of the app).
            effective_date: vietnamDate(union.created_at),
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
  '0012_decision_nodes': {
    // An acceptance can be withdrawn by the reviewers of the node that made it or of a node above: each
    // decision keeps its node. Those made before are given their author's node where the account still
    // exists; the rest (the command line's, the upgrade's, a removed account's) stay null, and count as
    // made at the node the report was filed under.
    async up(untyped: Kysely<unknown>) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on tables as they are at its time, not on today's Database type
      const db = untyped as Kysely<any>;
      await db.schema.alterTable('review_decisions').addColumn('node_id', 'text').execute();
      await db
        .updateTable('review_decisions')
        .set((eb) => ({ node_id: eb.selectFrom('staff').select('staff.node_id').whereRef('staff.id', '=', 'review_decisions.staff_id') }))
        .where('staff_id', 'is not', null)
        .execute();
    },
    // Forward only: a release before it ignores the column.
  },
  '0013_enrolment_code_issuers': {
    // The staff's list of a union's live codes says which code is which (its last characters; the
    // code itself is kept hashed only) and who issued it. Codes issued before have neither: null.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('enrolment_codes').addColumn('code_hint', 'text').execute();
      await db.schema.alterTable('enrolment_codes').addColumn('issued_by_staff_id', 'text').execute();
      await db.schema.alterTable('enrolment_codes').addColumn('issued_by_username', 'text').execute();
    },
    // Forward only, as 0011: a release that does not know these columns never reads them.
  },
  '0014_decision_node_names': {
    // A decision names the node that made it as the node was called then, so a CĐCS moved to another
    // superior is still told who accepted or returned its report. Decisions kept before get the
    // node's current name where the node is known (the closest there is); the rest stay null.
    async up(untyped: Kysely<unknown>) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as 0012: the tables as they are at this migration
      const db = untyped as Kysely<any>;
      await db.schema.alterTable('review_decisions').addColumn('node_name', 'text').execute();
      await db
        .updateTable('review_decisions')
        .set((eb) => ({ node_name: eb.selectFrom('nodes').select('nodes.name').whereRef('nodes.id', '=', 'review_decisions.node_id') }))
        .where('node_id', 'is not', null)
        .execute();
    },
    // Forward only: a release before it ignores the column.
  },
  '0015_round_changes': {
    // A round's history: every change of its deadline (src/server/services/rounds.ts), when, by whom,
    // from what to what. Numbered 0015 so that another branch's 0014 can land in either order.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('round_changes')
        .addColumn('round_id', 'text', (c) => c.notNull().references('reporting_rounds.id'))
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('changed_by_staff_id', 'text')
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('from_value', 'text')
        .addColumn('to_value', 'text')
        .execute();
      await db.schema.createIndex('round_changes_round').on('round_changes').columns(['round_id', 'changed_at']).execute();
    },
    // Forward only: a release before it never reads the table.
  },
  '0016_audit_log': {
    // Who changed what (src/domain/audit.ts): append-only, written in the change's own transaction.
    // `node_path` is the path of the node the change happened under, so a subtree's entries are one
    // prefix match. Read newest first by (at, id), which also pages them.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_staff_id', 'text')
        .addColumn('actor_username', 'text', (c) => c.notNull())
        .addColumn('actor_node_id', 'text')
        .addColumn('address', 'text')
        .addColumn('node_id', 'text')
        .addColumn('node_path', 'text', (c) => c.notNull())
        .addColumn('union_id', 'text')
        .addColumn('target_kind', 'text')
        .addColumn('target_id', 'text')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .execute();
      await db.schema.createIndex('audit_log_path').on('audit_log').columns(['node_path', 'at']).execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    },
  },
  '0017_staff_security': {
    // Accounts fit for an office (src/server/services/staffSecurity.ts): a password the member must
    // change at the next sign-in, two-step sign-in (the TOTP secret, the last time step used so that a
    // code is never taken twice, one-time recovery codes kept hashed), a node that requires two-step
    // sign-in for its subtree, the sign-in's second step, and sessions that can be listed, ended and
    // expire when idle.
    async up(untyped: Kysely<unknown>) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as 0012: the tables as they are at this migration
      const db = untyped as Kysely<any>;
      await db.schema.alterTable('staff').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('staff').addColumn('totp_secret', 'text').execute();
      await db.schema.alterTable('staff').addColumn('totp_enabled_at', 'text').execute();
      await db.schema.alterTable('staff').addColumn('totp_last_step', 'integer').execute();
      await db.schema.alterTable('nodes').addColumn('require_totp', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('staff_sessions').addColumn('id', 'text').execute();
      await db.schema.alterTable('staff_sessions').addColumn('last_seen_at', 'text').execute();
      await db.schema.alterTable('staff_sessions').addColumn('address', 'text').execute();
      await db.schema.alterTable('staff_sessions').addColumn('user_agent', 'text').execute();
      // Sessions open at the upgrade go on: each gets an id to be listed by, seen now.
      const seenNow = new Date().toISOString();
      for (const { token_hash } of await db.selectFrom('staff_sessions').select('token_hash').execute())
        await db.updateTable('staff_sessions').set({ id: randomUUID(), last_seen_at: seenNow }).where('token_hash', '=', token_hash).execute();
      await db.schema
        .createTable('staff_recovery_codes')
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addPrimaryKeyConstraint('staff_recovery_codes_pk', ['staff_id', 'code_hash'])
        .execute();
      await db.schema
        .createTable('staff_login_challenges')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
    // Forward only: a release before it ignores the columns and tables.
  },
  '0018_backups': {
    // The backups the server and the command line made (src/server/services/backups.ts): when, where,
    // how big, how many rows, whether the check passed. `night` (the Vietnam date of a nightly backup) is
    // unique, so of several processes on one PostgreSQL only the one whose row goes in makes that night's.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('backups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('night', 'text', (c) => c.unique())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('size_kb', 'integer')
        .addColumn('rows', 'integer')
        .addColumn('ok', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('backups_finished').on('backups').columns(['ok', 'finished_at']).execute();
    },
  },
  '0019_push_notifications': {
    // Notifications to the officer's phone (issue 24, docs/decisions/0012-push-notifications-exactly-once.md):
    // the VAPID key pair (kept here, so it travels with the store's backups), each device's
    // subscription, a round's reminder schedule, the reminder steps taken and the outbox of sends.
    // `push_outbox.key` and `reminder_steps.key` are unique: a step or event is queued once, however
    // many processes look at it.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('server_keys')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('push_subscriptions')
        .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
        .addColumn('union_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('endpoint', 'text')
        .addColumn('p256dh', 'text')
        .addColumn('auth', 'text')
        .addColumn('expires_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('push_subscriptions_union').on('push_subscriptions').column('union_id').execute();
      await db.schema
        .createTable('round_reminders')
        .addColumn('round_id', 'text', (c) => c.primaryKey().references('reporting_rounds.id'))
        .addColumn('days_before', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by_staff_id', 'text')
        .execute();
      await db.schema
        .createTable('reminder_steps')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('push_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('union_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('push_outbox_due').on('push_outbox').columns(['state', 'next_attempt_at']).execute();
      await db.schema.createIndex('push_outbox_round').on('push_outbox').columns(['round_id', 'state']).execute();
    },
    // Forward only: a release before it never reads these tables.
  },
  '0020_report_forms': {
    // Report forms as data (issue 22, src/domain/forms): every version a node uploaded, as a draft
    // until published. A published row is never updated (store/forms.ts updates only drafts).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('report_forms')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('node_id', 'text', (c) => c.notNull().references('nodes.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by_staff_id', 'text')
        .addColumn('created_by_username', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('published_by_staff_id', 'text')
        .addColumn('published_by_username', 'text')
        .addUniqueConstraint('report_forms_code_version', ['code', 'version'])
        .execute();
      await db.schema.createIndex('report_forms_node').on('report_forms').column('node_id').execute();
    },
    // Forward only: a release before it never reads the table.
  },
  '0021_reports_by_form': {
    // A report answers a form, and a round asks for one (issue 22, src/domain/forms/reportForm.ts):
    // one report per CĐCS, period and form; one round per node, period and form. Every report and
    // round before this answers the built-in Plan 94 form. The values of each report's numeric and
    // yes/no rows go into report_values, so that a node's roll-up of a form is one aggregate query.
    async up(untyped: Kysely<unknown>) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on tables as they are at its time, not on today's Database type
      const db = untyped as Kysely<any>;
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      for (const table of ['reports', 'reporting_rounds']) {
        await db.schema.alterTable(table).addColumn('form_id', 'text', (c) => c.notNull().defaultTo('ke-hoach-94')).execute();
        await db.schema.alterTable(table).addColumn('form_version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      }
      const uniques = [
        { table: 'reports', old: 'reports_one_per_period', now: 'reports_one_per_period_form', columns: ['union_id', 'year', 'kind', 'form_id'] },
        { table: 'reporting_rounds', old: 'reporting_rounds_node_period', now: 'reporting_rounds_node_period_form', columns: ['node_id', 'year', 'kind', 'form_id'] },
      ];
      if (postgres) {
        for (const { table, old, now, columns } of uniques) {
          await db.schema.alterTable(table).dropConstraint(old).execute();
          await db.schema.alterTable(table).addUniqueConstraint(now, columns).execute();
        }
      } else {
        // SQLite cannot drop a constraint: each table is built again with the new one (SQLite's own
        // twelve steps, https://sqlite.org/lang_altertable.html#otheralter), its indexes with it. Foreign
        // keys are off meanwhile, so that the tables pointing at it follow the new one by its name.
        await sql`pragma foreign_keys = off`.execute(db);
        await sql`begin`.execute(db);
        try {
          for (const { table, old, now, columns } of uniques) {
            const created = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
            const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
            const definition = created.rows[0]?.sql ?? '';
            const constraint = new RegExp(`constraint "${old}" unique \\([^)]*\\)`);
            if (!constraint.test(definition)) throw new Error(`0021: ${table} has no constraint ${old}`);
            const rebuilt = definition
              .replace(constraint, `constraint "${now}" unique (${columns.map((column) => `"${column}"`).join(', ')})`)
              .replace(/^create table "?\w+"?/i, `create table "${table}_0021"`);
            await sql.raw(rebuilt).execute(db);
            await sql.raw(`insert into "${table}_0021" select * from "${table}"`).execute(db);
            await sql.raw(`drop table "${table}"`).execute(db);
            await sql.raw(`alter table "${table}_0021" rename to "${table}"`).execute(db);
            for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
          }
          const broken = await sql`pragma foreign_key_check`.execute(db);
          if (broken.rows.length > 0) throw new Error(`0021: ${broken.rows.length} rows point at rows that are not there`);
          await sql`commit`.execute(db);
        } catch (error) {
          await sql`rollback`.execute(db);
          throw error;
        } finally {
          await sql`pragma foreign_keys = on`.execute(db);
        }
      }
      // The overviews read only the two covering indexes (see 0004 and 0006): they now hold the form too.
      const figures = ['id', 'status', 'review_status', 'workers', 'members', 'meets_target', 'dialogue_sessions', ...Object.values(DIALOGUE_KIND_COLUMNS)];
      await db.schema.dropIndex('reports_filed').execute();
      await db.schema.dropIndex('reports_union_figures').execute();
      await db.schema.createIndex('reports_filed').on('reports').columns(['superior_id', 'year', 'kind', 'form_id', 'union_id', ...figures]).execute();
      await db.schema.createIndex('reports_union_figures').on('reports').columns(['union_id', 'year', 'kind', 'form_id', 'superior_id', ...figures]).execute();

      await db.schema
        .createTable('report_values')
        .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('number', postgres ? 'double precision' : 'real', (c) => c.notNull())
        .addColumn('weight', postgres ? 'double precision' : 'real')
        .addPrimaryKeyConstraint('report_values_pk', ['report_id', 'code'])
        .execute();
      await db.schema.createIndex('report_values_form_period').on('report_values').columns(['form_id', 'year', 'kind', 'code']).execute();
      // Every report so far answers Plan 94: its rows are read from its fields (builtin/plan94.ts).
      let after = '';
      for (;;) {
        const page = (await db.selectFrom('reports').select(['id', 'document', 'year', 'kind']).where('id', '>', after).orderBy('id').limit(500).execute()) as {
          id: string;
          document: string;
          year: number;
          kind: string;
        }[];
        const rows = page.flatMap((report) => formValueRows(report.id, JSON.parse(report.document), { year: Number(report.year), kind: report.kind }));
        for (let start = 0; start < rows.length; start += 500) await db.insertInto('report_values').values(rows.slice(start, start + 500)).execute();
        if (page.length < 500) break;
        after = (page.at(-1) as { id: string }).id;
      }
    },
    // Forward only: a release before it would find two reports of one period and form.
  },
  '0022_report_values_sums': {
    // A node's roll-up of a form (store/formRollups.ts) reads every value of each counted report: with
    // the figures in the index, the values of a report are one range of it, not a lookup of the table
    // per value (bench/formRollups.ts, BENCHMARKS.md: the province's roll-up over 6,000 CĐCS).
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('report_values_sums').on('report_values').columns(['report_id', 'code', 'number', 'weight']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('report_values_sums').execute();
    },
  },
  '0023_report_value_sums': {
    // Running sums of the roll-ups (store/reportValueSums.ts): a node's roll-up reads at most nodes × rows
    // of them, not every value of every counted report (bench/formRollups.ts: 6,000 CĐCS × 60 rows).
    // report_values now holds the counted reports' values only: a draft's autosave writes neither.
    async up(untyped: Kysely<unknown>) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on tables as they are at its time, not on today's Database type
      const db = untyped as Kysely<any>;
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      const double = postgres ? 'double precision' : 'real';
      await db.schema
        .createTable('report_value_sums')
        .addColumn('node_id', 'text', (c) => c.notNull().references('nodes.id'))
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('reports', 'integer', (c) => c.notNull())
        .addColumn('total', double, (c) => c.notNull())
        .addColumn('weighted_reports', 'integer', (c) => c.notNull())
        .addColumn('weighted', double, (c) => c.notNull())
        .addColumn('weight', double, (c) => c.notNull())
        .addPrimaryKeyConstraint('report_value_sums_pk', ['node_id', 'form_id', 'year', 'kind', 'code'])
        .execute();
      const counted = sql`r.superior_id is not null and (r.status = 'ready' or r.review_status is not null)`;
      await sql`delete from report_values where report_id in (select r.id from reports r where not (${counted}))`.execute(db);
      const stored = (await db.selectFrom('report_forms').select(['code', 'version', 'definition']).execute()) as { code: string; version: number; definition: string }[];
      const definitions = new Map<string, FormDefinition>([
        ...BUILTIN_FORMS.map((form) => [`${form.id}@${form.version}`, form] as const),
        ...stored.map((form) => [`${form.code}@${Number(form.version)}`, JSON.parse(form.definition) as FormDefinition] as const),
      ]);
      const sums = new Map<string, ReportValueSumsTable>();
      let after = '';
      for (;;) {
        const page = (
          await sql<{ id: string; superior_id: string; form_id: string; form_version: number }>`
            select r.id, r.superior_id, r.form_id, r.form_version from reports r where r.id > ${after} and ${counted} order by r.id limit 500`.execute(db)
        ).rows;
        if (page.length === 0) break;
        const values = (await db.selectFrom('report_values').selectAll().where('report_id', 'in', page.map((report) => report.id)).execute()) as ReportValuesTable[];
        const byReport = new Map<string, ReportValuesTable[]>();
        for (const value of values) byReport.set(value.report_id, [...(byReport.get(value.report_id) ?? []), value]);
        for (const report of page) {
          const definition = definitions.get(`${report.form_id}@${Number(report.form_version)}`) ?? PLAN94_FORM;
          const own = (byReport.get(report.id) ?? []).map((value) => ({ ...value, year: Number(value.year), number: Number(value.number), weight: value.weight === null ? null : Number(value.weight) }));
          addContribution(sums, report.superior_id, own, definition, 1);
        }
        after = (page.at(-1) as { id: string }).id;
      }
      await addToValueSums(db as Queries, changedSums(sums));
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('report_value_sums').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) as string;
