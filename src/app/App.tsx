/**
 * The officer app's frame: opens the local database, picks the language, draws the header and the
 * current screen, and shows the banners that must never be missed (another tab upgraded the app,
 * disk full). Rarely used screens load on demand to keep the first load small.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { getLocalStore, hasDatabaseEventHappened, onDatabaseEvent, type Language } from './db';
import { ReportListScreen } from './features/reports/ReportListScreen';
import { I18nProvider, loadMessages, useI18n, type Messages } from './i18n';
import { vi } from './i18n/vi';
import { InAppBrowserNotice, QuotaErrorBanner, UpdatePrompt } from './pwa';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { navigate, parseRoute, useRoute, type Route } from './ui/router';
import { LazyEnrolScreen } from './features/enrol';
import { preloadOpenedReport } from './features/reports/openingReport';
import { afterFirstScreen } from './ui/firstScreen';
import { startSync } from './sync';

type EditorModule = typeof import('./features/reports/ReportEditorScreen');
// The editor (with react-hook-form) is its own chunk, fetched at start in parallel with opening the
// database: the list paints sooner, and the form is ready by the time the officer taps a report.
// Once loaded it is drawn directly, not through `lazy`, which would first draw the fallback.
let editorModule: EditorModule | null = null;
const loadEditor = () =>
  import('./features/reports/ReportEditorScreen').then((loaded) => {
    editorModule = loaded;
    return loaded;
  });
const LazyReportEditorScreen = lazy(() => loadEditor().then((m) => ({ default: m.ReportEditorScreen })));
const BackupScreen = lazy(() => import('./features/backup/BackupScreen'));
const SettingsScreen = lazy(() => import('./features/settings/SettingsScreen'));
const ProfileScreen = lazy(() => import('./features/profile/ProfileScreen').then((m) => ({ default: m.ProfileScreen })));
// The staff dashboard (desktop, staff of the upper-level unions): its own chunk, never part of the officer's first load.
const StaffApp = lazy(() => import('./staff/StaffApp'));
// The report as an official document, with its font: its own chunk, fetched when the officer opens it.
const PrintScreen = lazy(() => import('./print/PrintScreen'));

type Opening = 'opening' | 'open' | 'failed';

export function App() {
  const [{ language, messages }, setLanguageState] = useState<{ language: Language; messages: Messages }>({
    language: 'vi',
    messages: vi,
  });
  const [opening, setOpening] = useState<Opening>('opening');
  const switchLanguage = useCallback(async (next: Language) => {
    const loaded = await loadMessages(next);
    setLanguageState({ language: next, messages: loaded });
  }, []);

  useEffect(() => {
    let live = true;
    const store = getLocalStore();
    // Opened on a report (the officer's usual start): its editor's code and the report itself are
    // fetched while the database opens, and the app is drawn once, with the draft in it.
    const start = parseRoute(location.hash);
    const editorReady = loadEditor().then(
      () => undefined,
      () => undefined,
    );
    const firstScreen = start.screen === 'report' ? Promise.all([editorReady, preloadOpenedReport(start.reportId)]) : null;
    const opened = store.open();
    // Queued behind the opening (Dexie waits for it), read at the same time as the report.
    const savedLanguage = store.settings.get('language');
    savedLanguage.catch(() => undefined);
    void (async () => {
      await opened;
      // The sync engine reads the outbox; start it once the database is open (it does nothing until enrolled),
      // and only after the first screen is drawn and the browser is idle: loading and starting it competed
      // with drawing the first screen (on a slow phone, a tenth of the cold start). Online, it still starts
      // within a second or two.
      afterFirstScreen(() => void startSync().catch(() => {}));
      const saved = await savedLanguage;
      if (saved === 'en') await switchLanguage(saved).catch(() => {});
      await firstScreen;
      if (live) setOpening('open');
    })().catch(() => live && setOpening('failed'));
    return () => {
      live = false;
    };
  }, [switchLanguage]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = messages.appTitle;
  }, [language, messages]);

  const setLanguage = useCallback((next: Language) => {
    void switchLanguage(next).catch(() => {});
    void getLocalStore()
      .settings.set('language', next)
      .catch(() => {});
  }, [switchLanguage]);

  return (
    <I18nProvider language={language} messages={messages} setLanguage={setLanguage}>
      <Frame opening={opening} />
    </I18nProvider>
  );
}

function Frame({ opening }: { opening: Opening }) {
  const { t, language } = useI18n();
  const route = useRoute();
  if (route.screen === 'staff')
    return (
      <ErrorBoundary title={t.db.screenErrorTitle} body={t.db.screenErrorBody} reloadLabel={t.db.reload} backupLabel={t.db.backupNow}>
        <Suspense fallback={<p className="shell-loading">{t.common.loading}</p>}>
          <StaffApp path={route.path} />
        </Suspense>
      </ErrorBoundary>
    );
  if (route.screen === 'print')
    // A sheet of paper, not an app screen: no header or menu (they would print); the banners stay on screen only.
    return (
      <>
        <div className="screen-only">
          <DatabaseBanners opening={opening} />
          <UpdatePrompt language={language} />
        </div>
        {opening === 'open' ? (
          <ErrorBoundary title={t.db.screenErrorTitle} body={t.db.screenErrorBody} reloadLabel={t.db.reload} backupLabel={t.db.backupNow}>
            <Suspense fallback={<p className="shell-loading">{t.common.loading}</p>}>
              <PrintScreen reportId={route.reportId} />
            </Suspense>
          </ErrorBoundary>
        ) : opening === 'failed' ? (
          <p className="notice notice-error" role="alert" data-testid="db-open-failed">
            {t.db.openFailed}
          </p>
        ) : (
          <p className="shell-loading">{t.common.loading}</p>
        )}
      </>
    );
  return (
    <>
      <header className="shell-header">
        <h1>
          <a href="#/" className="brand">
            {t.appTitle}
          </a>
        </h1>
      </header>
      {/* Drawn once the saved language is known, so an English user never sees the menu flash in Vietnamese. */}
      {/* While opening, an empty bar of the same height: the screen below does not jump when the menu arrives. */}
      {opening === 'opening' ? (
        <div className="tabs" aria-hidden="true" />
      ) : (
        <nav className="tabs" aria-label={t.nav.main}>
          <NavLink route={{ screen: 'reports' }} current={route.screen === 'reports' || route.screen === 'report'} label={t.nav.reports} />
          <NavLink route={{ screen: 'profile' }} current={route.screen === 'profile'} label={t.nav.profile} />
          <NavLink route={{ screen: 'backup' }} current={route.screen === 'backup'} label={t.nav.backup} />
          <NavLink route={{ screen: 'settings' }} current={route.screen === 'settings'} label={t.nav.settings} />
        </nav>
      )}
      <InAppBrowserNotice language={language} />
      <DatabaseBanners opening={opening} />
      <UpdatePrompt language={language} />
      <main className="shell-main">
        {opening === 'opening' ? (
          <p className="shell-loading">{t.common.loading}</p>
        ) : opening === 'failed' ? (
          <p className="notice notice-error" role="alert" data-testid="db-open-failed">
            {t.db.openFailed}
          </p>
        ) : (
          <ErrorBoundary
            key={route.screen}
            title={t.db.screenErrorTitle}
            body={t.db.screenErrorBody}
            reloadLabel={t.db.reload}
            backupLabel={t.db.backupNow}
          >
            <Suspense fallback={<p className="shell-loading">{t.common.loading}</p>}>
              <Screen route={route} />
            </Suspense>
          </ErrorBoundary>
        )}
      </main>
    </>
  );
}

function NavLink({ route, current, label }: { route: Route; current: boolean; label: string }) {
  return (
    <a
      className={`tab${current ? ' tab-current' : ''}`}
      href={route.screen === 'reports' ? '#/' : `#/${route.screen}`}
      aria-current={current ? 'page' : undefined}
      data-testid={`nav-${route.screen}`}
    >
      {label}
    </a>
  );
}

function Screen({ route }: { route: Route }) {
  // Chosen once for this screen's life: switching from the lazy wrapper to the module's own component
  // would draw the editor anew (and lose the form) on the next section change.
  const [ReportEditorScreen] = useState(() => editorModule?.ReportEditorScreen ?? LazyReportEditorScreen);
  switch (route.screen) {
    case 'report':
      return <ReportEditorScreen reportId={route.reportId} section={route.section} />;
    case 'profile':
      return <ProfileScreen />;
    case 'backup':
      return <BackupScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'enrol':
      // After enrolling, "Về danh sách báo cáo" goes where it says.
      return <LazyEnrolScreen backHref="#/" />;
    default:
      return <ReportListScreen />;
  }
}

/** Storage events that change what the officer can do: reload after another tab's upgrade, or free space. */
function DatabaseBanners({ opening }: { opening: Opening }) {
  const { t, language } = useI18n();
  const [events, setEvents] = useState(() => ({
    versionchange: hasDatabaseEventHappened('versionchange'),
    blocked: hasDatabaseEventHappened('blocked'),
    quotaExceeded: hasDatabaseEventHappened('quotaExceeded'),
  }));
  useEffect(
    () =>
      onDatabaseEvent((event) =>
        setEvents((current) =>
          event.kind === 'quotaRecovered' ? { ...current, quotaExceeded: false } : { ...current, [event.kind]: true },
        ),
      ),
    [],
  );
  return (
    <>
      {events.versionchange ? (
        <div className="banner banner-warning" role="alert" data-testid="db-versionchange">
          <p>{t.db.versionchange}</p>
          <button type="button" className="button button-primary" onClick={() => location.reload()}>
            {t.db.reload}
          </button>
        </div>
      ) : events.blocked && opening === 'opening' ? (
        <div className="banner banner-warning" role="status" data-testid="db-blocked">
          <p>{t.db.blocked}</p>
        </div>
      ) : null}
      {events.quotaExceeded ? (
        <QuotaErrorBanner language={language} onBackup={() => navigate({ screen: 'backup' })} />
      ) : null}
    </>
  );
}
