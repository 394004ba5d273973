/**
 * Which forms a report or a round may name (src/server/services/reportForms.ts), on both stores: a
 * built-in form without the database, a published version of a node on the path, read and parsed once
 * per store; a draft, another branch's form or none at all answered alike (422 `unknown_form`).
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { PLAN94_FORM } from '../../../src/domain/forms/builtin/plan94';
import type { FormDefinition } from '../../../src/domain/forms/definition';
import type { ReportDocument } from '../../../src/domain/report';
import { ApiFailure } from '../../../src/server/services/errors';
import { checkValueKeys, formApplyingUnder, storedFormDefinitions } from '../../../src/server/services/reportForms';
import { describeOnEachStore, startTestServer, type TestServer } from '../helpers';

const BY = { staffId: null, username: 'admin' };

async function draft(server: TestServer, nodeId: string, id: string): Promise<FormDefinition> {
  const definition: FormDefinition = { ...MAU_1_HDCD_FORM, id, version: 1, title: `Biểu mẫu ${id}`, status: 'draft' };
  await server.store.write((tx) =>
    tx.insertFormDraft({ code: id, version: 1, title: definition.title, definitionJson: JSON.stringify(definition), nodeId, createdAt: '2026-01-05T01:00:00.000Z', createdBy: BY }),
  );
  return definition;
}

async function publish(server: TestServer, definition: FormDefinition): Promise<FormDefinition> {
  const published = { ...definition, status: 'published' as const };
  await server.store.write((tx) => tx.publishForm(definition.id, definition.version, JSON.stringify(published), { at: '2026-01-06T01:00:00.000Z', ...BY }));
  return published;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiFailure);
  expect(error).toMatchObject({ status: 422, code: 'unknown_form' });
  return (error as ApiFailure).message.replace(/\S+ version \d+/, '');
}

describeOnEachStore(
  (kind) => `the forms a report or round may name, on ${kind}`,
  (kind) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ store: kind });
    });
    afterAll(() => server.close());

    it('knows the built-in forms without the database, and a published one of a node above after one read', async () => {
      const reads = { ...server.store, findForm: vi.fn(server.store.findForm.bind(server.store)) } as typeof server.store;
      const pathOf = async (id: string) => (await server.store.findNode(id))!.path;
      const commune = { id: (await server.createNode({ name: 'Công đoàn phường Long Hoa' })).id, path: '' };
      commune.path = await pathOf(commune.id);
      const other = { path: await pathOf((await server.createNode({ name: 'Công đoàn xã Phước Vinh' })).id) };
      const root = { path: await pathOf(server.root.id) };
      const below = `${commune.path}khong-phai-nut/`;
      expect(await formApplyingUnder(server.store, reads, { id: 'ke-hoach-94', version: 1 }, null)).toBe(PLAN94_FORM);
      expect(await formApplyingUnder(server.store, reads, { id: 'mau-1-hdcd', version: 1 }, other.path)).toBe(MAU_1_HDCD_FORM);
      expect(reads.findForm).not.toHaveBeenCalled();

      const form = await draft(server, commune.id, 'bieu-mau-long-hoa');
      const ref = { id: form.id, version: 1 };
      const messages = [
        await refusal(formApplyingUnder(server.store, reads, ref, below)),
        await refusal(formApplyingUnder(server.store, reads, { id: 'khong-co', version: 1 }, below)),
      ];
      const published = await publish(server, form);
      // The draft was not kept: once published it is found.
      expect(await formApplyingUnder(server.store, reads, ref, below)).toEqual(published);
      expect(await formApplyingUnder(server.store, reads, ref, commune.path)).toEqual(published);
      messages.push(await refusal(formApplyingUnder(server.store, reads, ref, other.path)));
      messages.push(await refusal(formApplyingUnder(server.store, reads, ref, root.path)));
      // Read once after it was published, whatever asked since.
      expect(reads.findForm).toHaveBeenCalledTimes(3);
      expect(new Set(messages).size).toBe(1);

      expect(await storedFormDefinitions(server.store, [PLAN94_FORM, ref, ref, { id: 'khong-co', version: 1 }])).toEqual([published]);
    });

    it('takes values keyed by the form’s rows, of their kind, and nothing else', () => {
      expect(() => checkValueKeys({ values: { TONG_LD: 10, LD_NU: null }, valueNotes: { LD_NU: 'Chưa thống kê' } }, MAU_1_HDCD_FORM)).not.toThrow();
      const wrong: Pick<ReportDocument, 'values' | 'valueNotes'>[] = [{ values: { KHONG_CO: 1 } }, { values: { TONG_LD: '10' } }, { values: { TONG_LD: true } }, { valueNotes: { KHONG_CO: 'x' } }];
      for (const document of wrong)
        expect(() => checkValueKeys(document, MAU_1_HDCD_FORM)).toThrow(expect.objectContaining({ status: 422, code: 'validation_failed' }));
    });
  },
);
