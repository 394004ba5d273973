/**
 * The officer app's frame, drawn once opening.ts has opened the local database and read the language
 * (or early, while it still opens): the header, the current screen, and the banners that must never be
 * missed (another tab upgraded the app, disk full). Rarely used screens load on demand to keep the
 * first load small.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { getLocalStore, hasDatabaseEventHappened, onDatabaseEvent } from './db';
import { ReportListScreen } from './features/reports/ReportListScreen';
import { I18nProvider, loadMessages, useI18n, type Language, type Messages } from './i18n';
import { vi } from './i18n/messages';
import { InAppBrowserNotice, QuotaErrorBanner, UpdatePrompt } from './pwa';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { navigate, useRoute, type Route } from './ui/router';
import { LazyEnrolScreen } from './features/enrol';
import { loadEditor, loadedEditor, type OpenedApp, type Opening } from './opening';

const LazyReportEditorScreen = lazy(() => loadEditor().then((m) => ({ default: m.ReportEditorScreen })));
const BackupScreen = lazy(() => import('./features/backup/BackupScreen'));
const SettingsScreen = lazy(() => import('./features/settings/SettingsScreen'));
const ProfileScreen = lazy(() => import('./features/profile/ProfileScreen').then((m) => ({ default: m.ProfileScreen })));
// The staff dashboard (desktop, staff of the upper-level unions): its own chunk, never part of the officer's first load.
const StaffApp = lazy(() => import('./staff/StaffApp'));
// The report as an official document, with its font: its own chunk, fetched when the officer opens it.
const PrintScreen = lazy(() => import('./features/print/PrintScreen'));

/**
 * `opened` is the app's opening (opening.ts), started before React; `first` is its outcome when the app
 * is drawn after it (the usual start), null when drawn while it still runs (then "Đang mở…" until it ends).
 */
export function App({ opened, first }: { opened: Promise<OpenedApp>; first: OpenedApp | null }) {
  const [{ language, messages }, setLanguageState] = useState<{ language: Language; messages: Messages }>(() => ({
    language: first?.language ?? 'vi',
    messages: first?.messages ?? vi,
  }));
  const [opening, setOpening] = useState<Opening>(first?.opening ?? 'opening');
  const switchLanguage = useCallback(async (next: Language) => {
    const loaded = await loadMessages(next);
    setLanguageState({ language: next, messages: loaded });
  }, []);

  useEffect(() => {
    if (first) return;
    let live = true;
    void opened.then((outcome) => {
      if (!live) return;
      setLanguageState({ language: outcome.language, messages: outcome.messages });
      setOpening(outcome.opening);
    });
    return () => {
      live = false;
    };
  }, [opened, first]);

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
              {/* Keyed: another report's document must never stand while this one is read. */}
              <PrintScreen key={route.reportId} reportId={route.reportId} />
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
  const [ReportEditorScreen] = useState(() => loadedEditor()?.ReportEditorScreen ?? LazyReportEditorScreen);
  switch (route.screen) {
    case 'report':
      // Keyed by the report: a link or a notification's tap to another report while one is open draws
      // that report afresh (the editor reads its report once, and takes what the start preloaded once).
      return <ReportEditorScreen key={route.reportId} reportId={route.reportId} section={route.section} />;
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
