/**
 * Opening the officer app, started by main.tsx before React draws anything: the local database, the
 * saved language and, when the app opens on a report (the officer's usual start), the editor's code
 * and the report itself, all at once. The static shell of index.html stays on screen meanwhile, and
 * the app is drawn once, with what the officer opened already in it (decision 0010).
 */
import { getLocalStore } from './db';
import { preloadOpenedReport } from './features/reports/openingReport';
import { loadMessages, type Language, type Messages } from './i18n';
import { vi } from './i18n/messages';
import { startSync } from './sync';
import { afterFirstScreen } from './ui/firstScreen';
import type { Route } from './ui/router';

export type Opening = 'opening' | 'open' | 'failed';

export interface OpenedApp {
  opening: 'open' | 'failed';
  language: Language;
  messages: Messages;
}

type EditorModule = typeof import('./features/reports/ReportEditorScreen');

let editorModule: EditorModule | null = null;

/**
 * The editor (with react-hook-form) is its own chunk, fetched at start in parallel with opening the
 * database: the list paints sooner, and the form is ready by the time the officer taps a report.
 */
export function loadEditor(): Promise<EditorModule> {
  return import('./features/reports/ReportEditorScreen').then((loaded) => {
    editorModule = loaded;
    return loaded;
  });
}

/** The editor's module once loaded: drawn directly then, not through `lazy`, which would first draw its fallback. */
export function loadedEditor(): EditorModule | null {
  return editorModule;
}

/** Opens the app for `start` (the address it opened on). Never rejects: a database that cannot open is `failed`. */
export async function openApp(start: Route): Promise<OpenedApp> {
  const store = getLocalStore();
  const editorReady = loadEditor().then(
    () => undefined,
    () => undefined,
  );
  // Opened on a report: its editor's code and the report itself are fetched while the database opens.
  const firstScreen = start.screen === 'report' ? Promise.all([editorReady, preloadOpenedReport(start.reportId)]) : null;
  const opened = store.open();
  // Queued behind the opening (Dexie waits for it), read at the same time as the report.
  const savedLanguage = store.settings.get('language');
  savedLanguage.catch(() => undefined);
  try {
    await opened;
  } catch {
    return { opening: 'failed', language: 'vi', messages: vi };
  }
  // The sync engine reads the outbox; start it once the database is open (it does nothing until enrolled),
  // and only after the first screen is drawn and the browser is idle: loading and starting it competed
  // with drawing the first screen (on a slow phone, a tenth of the cold start). Online, it still starts
  // within a second or two.
  afterFirstScreen(() => void startSync().catch(() => {}));
  let language: Language = 'vi';
  let messages: Messages = vi;
  try {
    if ((await savedLanguage) === 'en') {
      messages = await loadMessages('en');
      language = 'en';
    }
  } catch {
    // The language setting unreadable or English not loadable: Vietnamese, as on a first start.
  }
  await firstScreen;
  return { opening: 'open', language, messages };
}
