/**
 * The district dashboard: sign in, the period overview, one report with the review decision, and the
 * unions with their enrolment codes. Reached only through the lazy import at `#/staff` (App.tsx),
 * so none of it is in the officer's first load. Sub-addresses: `#/staff`, `#/staff/report/<id>`,
 * `#/staff/unions`.
 */
import { useCallback, useState } from 'react';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, type PeriodKind } from '../../domain/period';
import { useI18n } from '../i18n';
import { savedSession, signOut } from './api';
import { staffMessages, type StaffMessages } from './messages';
import { NO_FILTERS, type OverviewFilters } from './overview';
import { OverviewScreen } from './OverviewScreen';
import { ReportScreen } from './ReportScreen';
import { SignInScreen } from './SignInScreen';
import { UnionsScreen } from './UnionsScreen';
import './staff.css';

export interface StaffContext {
  m: StaffMessages;
  /** The server said the session is over: back to sign in, with a message. */
  onSessionEnded: () => void;
}

export interface PeriodChoice {
  year: number;
  kind: PeriodKind;
}

function defaultYear(): number {
  return Math.min(LAST_REPORT_YEAR, Math.max(FIRST_REPORT_YEAR, new Date().getFullYear()));
}

export default function StaffApp({ path }: { path: string[] }) {
  const { language } = useI18n();
  const m = staffMessages(language);
  const [session, setSession] = useState(() => savedSession());
  const [sessionEnded, setSessionEnded] = useState(false);
  const [period, setPeriod] = useState<PeriodChoice>(() => ({ year: defaultYear(), kind: 'yearly' }));
  // Kept here so that the filters survive opening a report and coming back, and a change of period.
  const [filters, setFilters] = useState<OverviewFilters>(NO_FILTERS);
  const onSessionEnded = useCallback(() => {
    setSession(null);
    setSessionEnded(true);
  }, []);
  const context: StaffContext = { m, onSessionEnded };

  let screen;
  if (!session) {
    screen = (
      <SignInScreen
        m={m}
        notice={sessionEnded ? m.sessionEnded : null}
        onSignedIn={(username, token) => {
          setSessionEnded(false);
          setSession({ token, username });
        }}
      />
    );
  } else if (path[0] === 'report' && path[1]) {
    screen = <ReportScreen key={path[1]} context={context} reportId={path[1]} />;
  } else if (path[0] === 'unions') {
    screen = <UnionsScreen context={context} period={period} />;
  } else {
    screen = <OverviewScreen key={`${period.year}-${period.kind}`} context={context}
        period={period}
        onPeriodChange={setPeriod}
        filters={filters}
        onFiltersChange={setFilters}
      />;
  }

  return (
    <div className="staff" lang={language}>
      <header className="staff-header">
        <h1 className="staff-title">{m.title}</h1>
        {session ? (
          <nav className="staff-nav" aria-label={m.title}>
            <a href="#/staff" aria-current={path[0] !== 'unions' ? 'page' : undefined} data-testid="staff-nav-overview">
              {m.nav.overview}
            </a>
            <a href="#/staff/unions" aria-current={path[0] === 'unions' ? 'page' : undefined} data-testid="staff-nav-unions">
              {m.nav.unions}
            </a>
            <span className="staff-user">{m.signedInAs(session.username)}</span>
            <button
              type="button"
              className="button button-small"
              data-testid="staff-sign-out"
              onClick={() => {
                void signOut()
                  .catch(() => {})
                  .finally(() => setSession(null));
              }}
            >
              {m.signOut}
            </button>
          </nav>
        ) : (
          <nav className="staff-nav">
            <a href="#/">{m.nav.officerApp}</a>
          </nav>
        )}
      </header>
      <main className="staff-main">{screen}</main>
    </div>
  );
}
