/**
 * The report forms' table (migration 0020_report_forms) on a real SQLite file and a real PostgreSQL
 * schema: a draft is stored and replaced, (code, version) is unique, and a published version never
 * changes, whichever store function is asked to change it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRootNode } from '../../../src/server/services/organisation';
import { FormPublishedError, type NewFormRecord, type NodeRecord } from '../../../src/server/store/store';
import { isUniqueViolation } from '../../../src/server/store/errors';
import { describeOnEachStore, openTestStore, type TestStore } from '../helpers';

describeOnEachStore(
  (kind) => `report forms in the store on ${kind}`,
  (kind) => {
    let testStore: TestStore;
    let province: NodeRecord;
    const draft = (change: Partial<NewFormRecord> = {}): NewFormRecord => ({
      code: 'bao-cao-nam',
      version: 1,
      title: 'Báo cáo năm',
      definitionJson: '{"status":"draft"}',
      nodeId: province.id,
      createdAt: '2026-12-01T02:00:00.000Z',
      createdBy: { staffId: null, username: 'admin' },
      ...change,
    });

    beforeAll(async () => {
      testStore = await openTestStore(kind);
      const root = await createRootNode({ store: testStore.store, now: () => new Date() }, { kind: 'province', name: 'Liên đoàn Lao động tỉnh Tây Ninh', shortName: 'LĐLĐ Tây Ninh' });
      province = (await testStore.store.findNode(root.id))!;
    });
    afterAll(() => testStore.dispose());

    it('keeps a draft with its node, replaces it, and refuses a second row of the same code and version', async () => {
      const { store } = testStore;
      await store.write((tx) => tx.insertFormDraft(draft()));
      await store.write((tx) => tx.replaceFormDraft(draft({ title: 'Báo cáo năm (sửa)', definitionJson: '{"status":"draft","x":1}' })));
      expect(await store.findForm('bao-cao-nam', 1)).toMatchObject({
        title: 'Báo cáo năm (sửa)',
        status: 'draft',
        definitionJson: '{"status":"draft","x":1}',
        nodeId: province.id,
        nodeName: 'Liên đoàn Lao động tỉnh Tây Ninh',
        nodePath: province.path,
        published: null,
      });
      const twice = await store.write((tx) => tx.insertFormDraft(draft())).catch((error: unknown) => error);
      expect(isUniqueViolation(twice)).toBe(true);
    });

    it('publishes a draft once, and never changes the published version again', async () => {
      const { store } = testStore;
      const publication = { at: '2026-12-02T03:00:00.000Z', staffId: null, username: 'admin' };
      await store.write((tx) => tx.publishForm('bao-cao-nam', 1, '{"status":"published"}', publication));
      const published = await store.findForm('bao-cao-nam', 1);
      expect(published).toMatchObject({ status: 'published', definitionJson: '{"status":"published"}', published: publication });

      await expect(store.write((tx) => tx.replaceFormDraft(draft({ title: 'Đổi sau khi ban hành' })))).rejects.toBeInstanceOf(FormPublishedError);
      await expect(
        store.write((tx) => tx.publishForm('bao-cao-nam', 1, '{"status":"published","x":2}', { ...publication, username: 'khac' })),
      ).rejects.toBeInstanceOf(FormPublishedError);
      expect(await store.findForm('bao-cao-nam', 1)).toStrictEqual(published);
    });

    it('lists the versions of a code and the forms of nodes, oldest version first', async () => {
      const { store } = testStore;
      await store.write((tx) => tx.insertFormDraft(draft({ version: 2 })));
      expect((await store.listFormVersions('bao-cao-nam')).map((form) => [form.version, form.status])).toEqual([
        [1, 'published'],
        [2, 'draft'],
      ]);
      expect((await store.listFormsOfNodes([province.id])).map((form) => form.version)).toEqual([1, 2]);
      expect(await store.listFormsOfNodes(['00000000-0000-4000-8000-000000000000'])).toEqual([]);
      expect(await store.findForm('bao-cao-nam', 3)).toBeUndefined();
    });
  },
);
