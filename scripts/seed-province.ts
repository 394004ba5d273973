/**
 * Seeds a province the size of Hà Nội's plan: 85 commune / ward unions over 6,000 CĐCS (a hundred of
 * them straight under the province), with five years of yearly reports (2021–2025) in a realistic mix
 * (most sent, some accepted or returned, a few drafts, some missing). Used by bench/organisation.ts;
 * run alone against a store: `DATABASE_URL=… npx tsx scripts/seed-province.ts` (or DATA_DIR for SQLite).
 * Writes rows through the store's own inserts, so the figures columns are filled as a push fills them.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { emptyReport } from '../src/domain/report';
import type { ReviewDecision } from '../src/domain/sync';
import type { NodeRecord, Store } from '../src/server/store/store';

export interface SeededProvince {
  province: NodeRecord;
  communes: NodeRecord[];
  unions: number;
  reports: number;
}

/** A deterministic pseudo-random sequence, so every run seeds the same mix. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export async function seedProvince(store: Store, options: { communes?: number; unions?: number; years?: number[] } = {}): Promise<SeededProvince> {
  const communeCount = options.communes ?? 85;
  const unionCount = options.unions ?? 6000;
  const years = options.years ?? [2021, 2022, 2023, 2024, 2025];
  const random = sequence(7);
  const at = '2025-12-01T00:00:00.000Z';
  const provinceId = randomUUID();
  const province: NodeRecord = { id: provinceId, kind: 'province', name: 'Liên đoàn Lao động thành phố Hà Nội (đo tải)', shortName: 'LĐLĐ TP Hà Nội', code: null, parentId: null, path: `/${provinceId}/`, createdAt: at };
  const communes: NodeRecord[] = Array.from({ length: communeCount }, (_, i) => {
    const id = randomUUID();
    return { id, kind: 'upper_commune', name: `Công đoàn phường số ${String(i + 1).padStart(2, '0')}`, shortName: '', code: null, parentId: provinceId, path: `${province.path}${id}/`, createdAt: at };
  });
  await store.write(async (tx) => {
    await tx.insertNode(province);
    for (const commune of communes) await tx.insertNode(commune);
  });
  let reports = 0;
  const BATCH = 200;
  for (let start = 0; start < unionCount; start += BATCH) {
    await store.write(async (tx) => {
      for (let i = start; i < Math.min(unionCount, start + BATCH); i++) {
        const superior = i < 100 ? province : (communes[i % communeCount] as NodeRecord);
        const unionId = randomUUID();
        await tx.insertUnion({ id: unionId, name: `CĐCS đơn vị ${String(i + 1).padStart(4, '0')}`, code: `HN-${i + 1}`, superiorId: superior.id, createdAt: at });
        let seq = 0;
        for (const year of years) {
          const roll = random();
          if (roll < 0.05) continue; // no report this year
          const document = emptyReport(randomUUID(), { year, kind: 'yearly' }, at);
          document.membership.workers = 20 + Math.floor(random() * 400);
          document.membership.members = Math.floor(document.membership.workers * (0.6 + random() * 0.4));
          document.status = roll < 0.12 ? 'draft' : 'ready';
          const review: ReviewDecision | null =
            document.status === 'ready' && roll > 0.5 ? { status: roll > 0.95 ? 'returned' : 'accepted', comment: roll > 0.95 ? 'Bổ sung.' : '', decidedAt: at } : null;
          seq++;
          await tx.insertReport({
            id: document.id,
            unionId,
            year,
            kind: 'yearly',
            revision: 1,
            documentJson: JSON.stringify(document),
            reviewJson: review && JSON.stringify(review),
            savedAt: at,
            createdAt: at,
            changeSeq: seq,
            superiorId: document.status === 'ready' ? superior.id : null,
          });
          reports++;
        }
      }
    });
  }
  return { province, communes, unions: unionCount, reports };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { readEnv } = await import('../src/server/env');
  const { openStore } = await import('../src/server/store/open');
  const store = openStore(readEnv().store);
  await store.migrate();
  const seeded = await seedProvince(store);
  console.log(`Seeded ${seeded.communes.length} commune unions, ${seeded.unions} CĐCS, ${seeded.reports} reports under "${seeded.province.name}" (${seeded.province.id}).`);
  await store.close();
}
