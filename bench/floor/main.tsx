/**
 * The cold-start floor (bench/client.ts): only the libraries the officer app cannot do without — React,
 * react-dom, Dexie and zod/mini — reading a saved draft from IndexedDB, checking it with a zod/mini schema
 * and showing its figure in an input. Whatever the app needs beyond this time is the app's own.
 * It also keeps what is typed as the app does at its simplest: after the same pause, the draft checked
 * by the schema and written with one Dexie `put`, between the marks the app's db layer sets (the floor of
 * the keystroke → commit figure).
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Dexie, type EntityTable } from 'dexie';
import * as z from 'zod/mini';

const count = z.nullable(z.number().check(z.gte(-1e9), z.lte(1e9)));
const draftSchema = z.object({
  id: z.string(),
  updatedAt: z.string(),
  membership: z.object({ workers: count, members: count, femaleMembers: count }),
});
type Draft = z.infer<typeof draftSchema>;

/** The app's autosave pause, given by bench/client.ts when it builds this page. */
declare const AUTOSAVE_DELAY_MS: number;

const db = new Dexie('bench-floor') as Dexie & { drafts: EntityTable<Draft, 'id'> };
db.version(1).stores({ drafts: 'id' });

/** The first (online) visit saves the draft the later offline starts read. */
const PRIMED: Draft = { id: 'draft', updatedAt: '2025-10-01T08:00:00.000Z', membership: { workers: 1000, members: 853, femaleMembers: null } };

let pendingSave: ReturnType<typeof setTimeout> | undefined;

function saveAfterPause(next: Draft): void {
  clearTimeout(pendingSave);
  pendingSave = setTimeout(() => {
    performance.mark('report-save-started');
    void db.drafts.put(draftSchema.parse({ ...next, updatedAt: new Date().toISOString() })).then(() => performance.mark('report-saved'));
  }, AUTOSAVE_DELAY_MS);
}

function Form() {
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    void (async () => {
      let found = await db.drafts.get('draft');
      if (!found) {
        await db.drafts.put(PRIMED);
        found = PRIMED;
      }
      setDraft(draftSchema.parse(found));
    })();
  }, []);
  return (
    <main>
      <label>
        Số đoàn viên{' '}
        <input
          data-testid="field-membership.members"
          inputMode="numeric"
          disabled={!draft}
          value={draft?.membership.members ?? ''}
          onChange={(event) => {
            if (!draft) return;
            const next = { ...draft, membership: { ...draft.membership, members: Number(event.target.value) } };
            setDraft(next);
            saveAfterPause(next);
          }}
        />
      </label>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Form /></StrictMode>);
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js');
