/**
 * `PATCH /api/staff/unions/:id` on both stores: an admin of the union's superior (or above) renames it,
 * sets or removes its code, employer and sector; staff of another commune get 404 and nothing changes;
 * a reviewer or viewer gets 403; a taken code 409; bad fields 422; no session 401; a non-JSON body 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgNode } from '../../../src/domain/organisation';
import type { GrassrootsUnion, NodeOverview } from '../../../src/domain/staff';
import type { ApiError } from '../../../src/domain/sync';
import { announcePostgresSkip, call, startTestServer, STORE_KINDS, type TestServer, type TwoCommunes, twoCommunes } from '../helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`editing a union's record on ${kind}`, () => {
    let server: TestServer;
    let communeA: OrgNode;
    let union: GrassrootsUnion;
    let other: GrassrootsUnion;
    let staff: TwoCommunes['staff'];

    /** A PATCH of the union's record; a string body goes as it is (not JSON-encoded). */
    function patch<T = { union: GrassrootsUnion }>(unionId: string, who: { headers: Record<string, string> } | null, body: unknown) {
      return call<T & ApiError>(`${server.url}/api/staff/unions/${unionId}`, {
        method: 'PATCH',
        headers: { ...(who?.headers ?? {}), 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    }

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      ({ communeA, unionA: union, unionB: other, staff } = await twoCommunes(server));
    });
    afterAll(async () => {
      await server?.close();
    });

    it("lets the superior's admin change the name, code, employer and sector, and the overview shows them", async () => {
      const changed = await patch(union.id, staff.adminA, { name: '  CĐCS Công ty TNHH May An Tịnh ', code: 'at-07', employer: 'Công ty TNHH May An Tịnh', sector: 'private' });
      expect(changed.status).toBe(200);
      expect(changed.body.union).toEqual({ ...union, name: 'CĐCS Công ty TNHH May An Tịnh', code: 'AT-07', employer: 'Công ty TNHH May An Tịnh', sector: 'private' });
      expect(await server.store.findUnion(union.id)).toEqual(changed.body.union);
      const overview = (await (await fetch(`${server.url}/api/staff/nodes/${communeA.id}/overview?year=2025&kind=yearly`, { headers: staff.adminA.headers })).json()) as NodeOverview;
      expect(overview.unions.find((line) => line.id === union.id)).toMatchObject({ name: 'CĐCS Công ty TNHH May An Tịnh', code: 'AT-07', sector: 'private' });

      // Only what is sent changes; the province (above) may change it too; null removes the code.
      const partly = await patch(union.id, staff.province, { code: null });
      expect(partly.status).toBe(200);
      expect(partly.body.union).toMatchObject({ name: 'CĐCS Công ty TNHH May An Tịnh', code: null, employer: 'Công ty TNHH May An Tịnh', superiorId: communeA.id });
      expect((await patch(union.id, staff.adminA, {})).body.union).toEqual(partly.body.union);
    });

    it('answers 404 outside the subtree, 403 by role, 409 for a taken code, 422 for bad fields, 401 without a session, and changes nothing', async () => {
      await patch(other.id, staff.adminB, { code: 'BC-01' });
      const before = await server.store.findUnion(union.id);

      const outside = await patch(other.id, staff.adminA, { name: 'Đổi tên' });
      expect(outside.status).toBe(404);
      expect(outside.body.error).toBe('not_found');
      expect((await patch('00000000-0000-4000-8000-000000000000', staff.adminA, { name: 'Đổi tên' })).status).toBe(404);
      expect((await patch('not-an-id', staff.adminA, { name: 'Đổi tên' })).status).toBe(404);
      expect((await server.store.findUnion(other.id))?.name).toBe('CĐCS Trường Bến Củi');

      for (const who of [staff.reviewerA, staff.viewerA]) {
        const refused = await patch(union.id, who, { name: 'Đổi tên' });
        expect(refused.status).toBe(403);
        expect(refused.body.error).toBe('forbidden');
      }
      // Outside and without the role: still 404, which confirms nothing.
      expect((await patch(other.id, staff.viewerA, { name: 'Đổi tên' })).status).toBe(404);

      const taken = await patch(union.id, staff.adminA, { code: 'bc-01' });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toBe('taken');
      expect(taken.body.details).toEqual([expect.objectContaining({ path: 'code', code: 'taken' })]);

      for (const [body, path] of [
        [{ name: '' }, 'name'],
        [{ name: 'x'.repeat(201) }, 'name'],
        [{ code: 'có dấu' }, 'code'],
        [{ sector: 'cooperative' }, 'sector'],
        [{ employer: 42 }, 'employer'],
      ] as const) {
        const bad = await patch(union.id, staff.adminA, body);
        expect(bad.status, JSON.stringify(body)).toBe(422);
        expect(bad.body.error).toBe('validation_failed');
        expect(bad.body.details).toEqual([expect.objectContaining({ path })]);
      }
      expect((await patch(union.id, null, { name: 'Đổi tên' })).status).toBe(401);
      const notJson = await patch(union.id, staff.adminA, '{"name":');
      expect(notJson.status).toBe(400);
      expect(await server.store.findUnion(union.id)).toEqual(before);
    });
  });
}
