/** A union record as its superior keeps it (code, name, employer, sector), on both stores. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src/domain/sync';
import { CONSOLE, createStaff } from '../../../src/server/services/staff';
import { ApiFailure } from '../../../src/server/services/errors';
import { announcePostgresSkip, openTestStore, startTestServer, STORE_KINDS, type TestServer, type TestStore } from '../helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`union records on ${kind}`, () => {
    let server: TestServer;
    let province: Record<string, string>;
    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      province = { ...(await server.staffSession()).headers, 'content-type': 'application/json' };
    });
    afterAll(async () => {
      await server?.close();
    });

    const createUnion = async (body: unknown) => {
      const response = await fetch(`${server.url}/api/staff/unions`, { method: 'POST', headers: province, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as { union: Record<string, unknown> } & ApiError };
    };

    it('creates a union with its code, employer and sector, and lists them in the period overview', async () => {
      const created = await createUnion({ name: 'CĐCS Công ty TNHH Giày Da Mỹ Phong', code: 'dmc-017', employer: 'Công ty TNHH Giày Da Mỹ Phong', sector: 'foreign' });
      expect(created.status).toBe(201);
      expect(created.body.union).toMatchObject({ code: 'DMC-017', employer: 'Công ty TNHH Giày Da Mỹ Phong', sector: 'foreign' });

      const overview = await fetch(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly`, { headers: province });
      const { unions } = (await overview.json()) as { unions: { id: string; code: string | null; employer: string; sector: string; standing: string }[] };
      expect(unions.find((union) => union.id === created.body.union.id)).toMatchObject({
        code: 'DMC-017',
        employer: 'Công ty TNHH Giày Da Mỹ Phong',
        sector: 'foreign',
        standing: 'missing',
      });
    });

    it('refuses a second union with the same code (409 naming the field) and an unknown sector (422)', async () => {
      await createUnion({ name: 'CĐCS Trường Tiểu học Suối Đá', code: 'TH-SD' });
      const again = await createUnion({ name: 'CĐCS khác', code: 'th-sd' });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('taken');
      expect(again.body.details).toEqual([expect.objectContaining({ path: 'code', code: 'taken' })]);

      // Created twice at the same moment: one wins, the other is told the code is taken (never a 500).
      const racing = await Promise.all([createUnion({ name: 'CĐCS A', code: 'RACE-1' }), createUnion({ name: 'CĐCS B', code: 'RACE-1' })]);
      expect(racing.map((answer) => answer.status).sort()).toEqual([201, 409]);

      const sector = await createUnion({ name: 'CĐCS Hợp tác xã', sector: 'cooperative' });
      expect(sector.status).toBe(422);
      expect(sector.body.details).toEqual([expect.objectContaining({ path: 'sector' })]);
    });

    it('refuses a second staff member with the same name with 409, also when both are created at once', async () => {
      const context = { store: server.store, now: () => new Date() };
      const user = { username: 'lan.dmc', password: 'mật khẩu đủ dài', role: 'viewer' };
      const racing = await Promise.allSettled([
        createStaff(context, CONSOLE, server.root.id, user),
        createStaff(context, CONSOLE, server.root.id, { ...user, username: ' LAN.dmc ' }),
      ]);
      expect(racing.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refusal = racing.find((outcome) => outcome.status === 'rejected')?.reason as ApiFailure;
      expect(refusal).toBeInstanceOf(ApiFailure);
      expect(refusal.status).toBe(409);
      expect(refusal.details).toEqual([expect.objectContaining({ path: 'username', code: 'taken' })]);
    });

    it('lets unions without a code coexist', async () => {
      expect((await createUnion({ name: 'CĐCS không mã 1' })).body.union).toMatchObject({ code: null, employer: '', sector: '' });
      expect((await createUnion({ name: 'CĐCS không mã 2' })).status).toBe(201);
    });
  });

  (available ? describe : describe.skip)(`union profile migration on ${kind}`, () => {
    let opened: TestStore | undefined;
    afterEach(async () => {
      await opened?.dispose();
      opened = undefined;
    });

    it('keeps unions written before 0003 (no code, empty employer and sector), and then enforces unique codes', async () => {
      opened = await openTestStore(kind, { migrate: false });
      await opened.store.migrate({ to: '0002_reports' });
      await opened.store.db
        .insertInto('unions')
        .values({ id: 'u-old', name: 'CĐCS Công ty Mía đường', created_at: '2024-01-01T00:00:00.000Z' } as never)
        .execute();
      expect((await opened.store.migrate()).applied).toContain('0003_union_profile');
      expect(await opened.store.findUnion('u-old')).toEqual({
        id: 'u-old',
        code: null,
        name: 'CĐCS Công ty Mía đường',
        employer: '',
        sector: '',
        superiorId: expect.any(String),
        createdAt: '2024-01-01T00:00:00.000Z',
      });
      const at = '2025-01-01T00:00:00.000Z';
      const superiorId = (await opened.store.findUnion('u-old'))?.superiorId as string;
      await opened.store.write((tx) => tx.insertUnion({ id: 'u-a', code: 'A1', name: 'A', createdAt: at, superiorId }));
      await expect(opened.store.write((tx) => tx.insertUnion({ id: 'u-b', code: 'A1', name: 'B', createdAt: at, superiorId }))).rejects.toThrow();
    });
  });
}
