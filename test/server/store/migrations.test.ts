/** Migrations on both stores: from nothing, again (a no-op), and over data written by the previous version. */
import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../../src/server/store/errors';
import { countInWindow } from '../../../src/server/store/attemptWindows';
import { emptyReport } from '../../../src/domain/report';
import { migrations } from '../../../src/server/store/migrations';
import { formValueRows, replaceReportValues } from '../../../src/server/store/reportValues';
import type { ReportRecord } from '../../../src/server/store/store';
import { rollupTestForm } from '../formRollupFixtures';
import { announcePostgresSkip, openTestStore, STORE_KINDS, type TestStore } from '../helpers';

announcePostgresSkip();

/** A stored report of 2025 with an empty document, as the tests below insert it. */
function storedReport(id: string, unionId: string, changeSeq: number): ReportRecord {
  return {
    id,
    unionId,
    year: 2025,
    kind: 'yearly',
    revision: 1,
    documentJson: '{}',
    reviewJson: null,
    savedAt: '2025-02-01T00:00:00.000Z',
    createdAt: '2025-02-01T00:00:00.000Z',
    changeSeq,
    superiorId: null,
  };
}

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`migrations on ${kind}`, () => {
    let opened: TestStore | undefined;
    afterEach(async () => {
      await opened?.dispose();
      opened = undefined;
    });

    it('creates every table from an empty database, and a second run changes nothing', async () => {
      opened = await openTestStore(kind, { migrate: false });
      const first = await opened.store.migrate();
      expect(first.applied).toEqual(Object.keys(migrations).sort());
      const second = await opened.store.migrate();
      expect(second.applied).toEqual([]);
      const tables = (await opened.store.db.introspection.getTables()).map((table) => table.name);
      expect(tables).toEqual(
        expect.arrayContaining([
          'unions',
          'devices',
          'enrolment_codes',
          'nodes',
          'union_moves',
          'staff',
          'staff_sessions',
          'reports',
          'report_revisions',
          'idempotency',
          'attempt_windows',
          'attempt_slots',
        ]),
      );
    });

    it('keeps the data written by version 0001 when migrating to the latest, and the result works', async () => {
      opened = await openTestStore(kind, { migrate: false });
      await opened.store.migrate({ to: '0001_accounts' });
      await opened.store.db
        .insertInto('unions')
        .values({ id: 'u-1', name: 'CĐCS Công ty Giày Tây Ninh', created_at: '2025-01-01T00:00:00.000Z' })
        .execute();
      await opened.store.db
        .insertInto('devices')
        .values({ id: 'd-1', union_id: 'u-1', name: 'Máy cũ', token_hash: 'h', created_at: '2025-01-01T00:00:00.000Z', last_seen_at: null, revoked_at: null })
        .execute();

      const outcome = await opened.store.migrate();
      expect(outcome.applied).toEqual(Object.keys(migrations).sort().slice(1));
      expect(await opened.store.findUnion('u-1')).toMatchObject({ name: 'CĐCS Công ty Giày Tây Ninh' });
      expect(await opened.store.findDevice('d-1')).toMatchObject({ unionId: 'u-1', revokedAt: null });
      // The new tables accept a report for the old union, with the change counter starting from 1.
      const seq = await opened.store.write(async (tx) => {
        const { changeSeq } = await tx.lockUnionForChange('u-1');
        await tx.insertReport(storedReport('00000000-0000-4000-8000-000000000001', 'u-1', changeSeq));
        return changeSeq;
      });
      expect(seq).toBe(1);
      expect(await opened.store.listChanges('u-1', 0, 10)).toHaveLength(1);
    });

    it('enforces one report per union and period in the schema itself', async () => {
      opened = await openTestStore(kind);
      await opened.store.write(async (tx) => {
        await tx.insertNode({ id: 'n-1', kind: 'province', name: 'LĐLĐ tỉnh', shortName: '', code: null, parentId: null, path: '/n-1/', createdAt: '2025-01-01T00:00:00.000Z' });
        await tx.insertUnion({ id: 'u-2', name: 'CĐCS', createdAt: '2025-01-01T00:00:00.000Z', superiorId: 'n-1' });
      });
      const report = (id: string, changeSeq: number) => storedReport(id, 'u-2', changeSeq);
      await opened.store.write((tx) => tx.insertReport(report('r-1', 1)));
      const refused = await opened.store.write((tx) => tx.insertReport(report('r-2', 2))).then(
        () => null,
        (error: unknown) => error,
      );
      // The services recognise this refusal on both stores (putReport retries on it instead of a 500).
      expect(isUniqueViolation(refused)).toBe(true);
      const count = await sql<{ n: number }>`select count(*) as n from reports`.execute(opened.store.db);
      expect(Number(count.rows[0]?.n)).toBe(1);
    });

    it('sums the counted reports of 0022 into the running sums at 0023, and drops the values of the reports not counted', async () => {
      opened = await openTestStore(kind, { migrate: false });
      await opened.store.migrate({ to: '0022_report_values_sums' });
      const form = rollupTestForm('bieu-mau-0023', 8);
      const at = '2025-12-01T00:00:00.000Z';
      const reports = [
        { id: '00000000-0000-4000-8000-000000000a01', status: 'ready', review: null, values: { TONG_LD: 100, DOAN_VIEN: 80, LUONG_TB: 7_000_000, CHI_TIEU_6: 3 } },
        { id: '00000000-0000-4000-8000-000000000a02', status: 'draft', review: 'returned', values: { TONG_LD: 50, DOAN_VIEN: 10, LUONG_TB: 9_000_000 } },
        { id: '00000000-0000-4000-8000-000000000a03', status: 'ready', review: null, values: { TONG_LD: 0, DOAN_VIEN: 5, CHI_TIEU_6: 4 } },
        { id: '00000000-0000-4000-8000-000000000a04', status: 'draft', review: null, values: { TONG_LD: 999, DOAN_VIEN: 999 } },
      ] as const;
      await opened.store.write(async (tx) => {
        await tx.insertNode({ id: 'n-1', kind: 'province', name: 'LĐLĐ tỉnh', shortName: '', code: null, parentId: null, path: '/n-1/', createdAt: at });
        const createdBy = { staffId: null, username: 'admin' };
        await tx.insertFormDraft({ code: form.id, version: 1, title: form.title, definitionJson: JSON.stringify({ ...form, status: 'draft' }), nodeId: 'n-1', createdAt: at, createdBy });
        await tx.publishForm(form.id, 1, JSON.stringify(form), { at, ...createdBy });
        for (const [index, report] of reports.entries()) {
          await tx.insertUnion({ id: `u-${index}`, name: `CĐCS số ${index}`, createdAt: at, superiorId: 'n-1' });
          const document = { ...emptyReport(report.id, { year: 2025, kind: 'yearly' }, at), status: report.status, form: { id: form.id, version: 1 }, values: report.values };
          const review = report.review && JSON.stringify({ status: report.review, comment: 'Thiếu', decidedAt: at });
          await tx.insertReport({ ...storedReport(report.id, `u-${index}`, 1), documentJson: JSON.stringify(document), reviewJson: review, superiorId: report.status === 'ready' || review ? 'n-1' : null });
        }
      });
      // As 0022's push stored them: every report's values, a draft's too.
      for (const report of reports) {
        const document = { ...emptyReport(report.id, { year: 2025, kind: 'yearly' }, at), form: { id: form.id, version: 1 }, values: report.values };
        await replaceReportValues(opened.store.db, report.id, formValueRows(report.id, document, { year: 2025, kind: 'yearly' }, form));
      }
      expect((await opened.store.migrate()).applied).toContain('0023_report_value_sums');
      const sums = await opened.store.db.selectFrom('report_value_sums').selectAll().where('node_id', '=', 'n-1').orderBy('code').execute();
      const byCode = Object.fromEntries(sums.map((row) => [row.code, [Number(row.reports), Number(row.total), Number(row.weighted_reports), Number(row.weighted), Number(row.weight)]]));
      expect(byCode).toEqual({
        CHI_TIEU_6: [2, 7, 0, 0, 0],
        DOAN_VIEN: [3, 95, 0, 0, 0],
        LUONG_TB: [2, 16_000_000, 2, 7_000_000 * 100 + 9_000_000 * 50, 150],
        TONG_LD: [3, 150, 0, 0, 0],
        // The ratio pairs the reports with a positive denominator (a01, a02), not a03 (0 workers).
        TY_LE_DV: [2, 90, 0, 0, 150],
      });
      const left = await opened.store.db.selectFrom('report_values').select('report_id').distinct().orderBy('report_id').execute();
      expect(left.map((row) => row.report_id)).toEqual([reports[0].id, reports[1].id, reports[2].id]);
    });

    it('adds the rate-limit windows to a database written by 0010, keeping its data, and they count at once', async () => {
      opened = await openTestStore(kind, { migrate: false });
      await opened.store.migrate({ to: '0010_review_decisions' });
      await opened.store.write(async (tx) => {
        await tx.insertNode({ id: 'n-1', kind: 'province', name: 'LĐLĐ tỉnh', shortName: '', code: null, parentId: null, path: '/n-1/', createdAt: '2025-01-01T00:00:00.000Z' });
        await tx.insertUnion({ id: 'u-1', name: 'CĐCS Công ty Dệt', createdAt: '2025-01-01T00:00:00.000Z', superiorId: 'n-1' });
      });
      expect((await opened.store.migrate()).applied).toContain('0011_attempt_windows');
      expect(await opened.store.findUnion('u-1')).toMatchObject({ name: 'CĐCS Công ty Dệt', superiorId: 'n-1' });
      const now = Date.parse('2026-01-01T00:00:00.000Z');
      await countInWindow(opened.store, 'push:d-1', 60_000, now);
      expect(await countInWindow(opened.store, 'push:d-1', 60_000, now + 1)).toEqual({ counted: 2, windowEndsAt: new Date(now + 60_000) });
    });

    it('keeps the staff sessions open at 0017, each with an id to list it by, and no account restricted', async () => {
      opened = await openTestStore(kind, { migrate: false });
      await opened.store.migrate({ to: '0016_audit_log' });
      const at = '2025-01-01T00:00:00.000Z';
      const db = opened.store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await db.insertInto('nodes').values({ id: 'n-1', kind: 'province', name: 'LĐLĐ tỉnh', short_name: '', code: null, parent_id: null, path: '/n-1/', created_at: at }).execute();
      await db.insertInto('staff').values({ id: 's-1', username: 'lan', password_hash: 'scrypt$x', node_id: 'n-1', role: 'admin', created_at: at }).execute();
      await db.insertInto('staff_sessions').values({ token_hash: 't-1', staff_id: 's-1', created_at: at, expires_at: '2099-01-01T00:00:00.000Z' }).execute();
      expect((await opened.store.migrate()).applied).toContain('0017_staff_security');
      const session = await opened.store.findSessionByTokenHash('t-1');
      expect(session).toMatchObject({ staffId: 's-1', mustChangePassword: false, totpEnabled: false });
      expect(session?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await opened.store.findStaff('s-1')).toMatchObject({ mustChangePassword: false, totpEnabled: false });
      expect(await opened.store.findTotpRequirement('/n-1/')).toBeNull();
    });

    it('keeps the enrolment codes issued before 0013: listed without hint or issuer, and they still enrol', async () => {
      opened = await openTestStore(kind, { migrate: false });
      await opened.store.migrate({ to: '0011_attempt_windows' });
      const at = '2025-01-01T00:00:00.000Z';
      const db = opened.store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await db.insertInto('nodes').values({ id: 'n-1', kind: 'province', name: 'LĐLĐ tỉnh', short_name: '', code: null, parent_id: null, path: '/n-1/', created_at: at }).execute();
      await db.insertInto('unions').values({ id: 'u-1', name: 'CĐCS Công ty Dệt', created_at: at, change_seq: 1, code: null, employer: '', sector: '', superior_id: 'n-1' }).execute();
      await db
        .insertInto('enrolment_codes')
        .values({ id: 'c-1', union_id: 'u-1', code_hash: 'h-1', expires_at: '2099-01-01T00:00:00.000Z', max_uses: 3, uses: 1, created_at: at, revoked_at: null })
        .execute();
      expect((await opened.store.migrate()).applied).toContain('0013_enrolment_code_issuers');
      expect(await opened.store.listValidEnrolmentCodes('u-1', '2026-01-01T00:00:00.000Z')).toEqual([
        { id: 'c-1', unionId: 'u-1', expiresAt: '2099-01-01T00:00:00.000Z', maxUses: 3, uses: 1, createdAt: at, revokedAt: null, codeHint: null, issuedBy: null },
      ]);
      expect(await opened.store.write((tx) => tx.useEnrolmentCode('c-1', '2026-01-01T00:00:00.000Z'))).toBe(true);
    });

    it('counts the dialogue sessions of every report written before 0005 by kind, and the overview sums them', async () => {
      opened = await openTestStore(kind, { migrate: false });
      await opened.store.migrate({ to: '0004_organisation_tree' });
      const at = '2025-01-01T00:00:00.000Z';
      const db = opened.store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await db.insertInto('nodes').values({ id: 'n-1', kind: 'province', name: 'LĐLĐ tỉnh', short_name: '', code: null, parent_id: null, path: '/n-1/', created_at: at }).execute();
      // More than one page of the backfill (500 reports a page): 501 unions, each with a report filed under the province.
      const dialogue = (kind: string) => ({ id: kind, date: '', kind, ledBy: '', participants: null, recommendationsRaised: null, recommendationsResolved: null, notes: '' });
      const kinds = [['workplace', 'workplace', 'workersConference'], [], ['other', 'districtCommittee']];
      for (let i = 0; i < 501; i++) {
        const dialogues = kinds[i % 3]!.map(dialogue);
        await db.insertInto('unions').values({ id: `u-${i}`, name: `CĐCS ${i}`, created_at: at, change_seq: 1, code: null, employer: '', sector: '', superior_id: 'n-1' }).execute();
        await db
          .insertInto('reports')
          .values({
            id: `r-${String(i).padStart(4, '0')}`,
            union_id: `u-${i}`,
            year: 2025,
            kind: 'yearly',
            revision: 1,
            document: JSON.stringify({ status: 'ready', dialogues }),
            review: null,
            saved_at: at,
            created_at: at,
            change_seq: 1,
            superior_id: 'n-1',
            status: 'ready',
            review_status: null,
            workers: null,
            members: null,
            meets_target: null,
            dialogue_sessions: dialogues.length,
          })
          .execute();
      }
      expect((await opened.store.migrate()).applied).toContain('0005_dialogue_kinds');
      const last = await opened.store.db.selectFrom('reports').selectAll().where('id', '=', 'r-0500').executeTakeFirstOrThrow();
      // 500 % 3 = 2: the third kind of report, past the first page.
      expect(last).toMatchObject({ dialogues_other: 1, dialogues_district_committee: 1, dialogues_workplace: 0 });
      const node = (await opened.store.findNode('n-1'))!;
      const [totals] = await opened.store.overviewTotals(node, 2025, 'yearly', '2025-11-30');
      // 167 reports of each kind of list.
      expect(totals?.dialogueSessions).toBe(167 * 5);
      expect(totals?.dialogueSessionsByKind).toEqual({ workplace: 334, districtCommittee: 167, partyGovernmentLeaders: 0, workersConference: 167, other: 167 });
      const lines = await opened.store.overviewLines(node, 2025, 'yearly', '2025-11-30', 'direct');
      expect(lines.find((line) => line.union.id === 'u-0')?.report?.dialogueSessionsByKind).toEqual({ workplace: 2, districtCommittee: 0, partyGovernmentLeaders: 0, workersConference: 1, other: 0 });
    });
  });
}
