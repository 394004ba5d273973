/**
 * The district dashboard: sign in, the period overview, one report with the review decision, and the
 * unions with their enrolment codes. Reached only through the lazy import at `#/district` (App.tsx),
 * so none of it is in the officer's first load. Sub-addresses: `#/district`, `#/district/report/<id>`,
 * `#/district/unions`.
 */
import { useCallback, useState } from 'react';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, type PeriodKind } from '../../domain/period';
import { useI18n } from '../i18n';
import { savedSession, signOut } from './api';
import { districtMessages, type DistrictMessages } from './messages';
import { NO_FILTERS, type OverviewFilters } from './overview';
import { OverviewScreen } from './OverviewScreen';
import { ReportScreen } from './ReportScreen';
import { SignInScreen } from './SignInScreen';
import { UnionsScreen } from './UnionsScreen';
import './district.css';

export interface DistrictContext {
  m: DistrictMessages;
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

export default function DistrictApp({ path }: { path: string[] }) {
  const { language } = useI18n();
  const m = districtMessages(language);
  const [session, setSession] = useState(() => savedSession());
  const [sessionEnded, setSessionEnded] = useState(false);
  const [period, setPeriod] = useState<PeriodChoice>(() => ({ year: defaultYear(), kind: 'yearly' }));
  // Kept here so that the filters survive opening a report and coming back, and a change of period.
  const [filters, setFilters] = useState<OverviewFilters>(NO_FILTERS);
  const onSessionEnded = useCallback(() => {
    setSession(null);
    setSessionEnded(true);
  }, []);
  const context: DistrictContext = { m, onSessionEnded };

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
    <div className="district" lang={language}>
      <header className="district-header">
        <h1 className="district-title">{m.title}</h1>
        {session ? (
          <nav className="district-nav" aria-label={m.title}>
            <a href="#/district" aria-current={path[0] !== 'unions' ? 'page' : undefined} data-testid="district-nav-overview">
              {m.nav.overview}
            </a>
            <a href="#/district/unions" aria-current={path[0] === 'unions' ? 'page' : undefined} data-testid="district-nav-unions">
              {m.nav.unions}
            </a>
            <span className="district-user">{m.signedInAs(session.username)}</span>
            <button
              type="button"
              className="button button-small"
              data-testid="district-sign-out"
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
          <nav className="district-nav">
            <a href="#/">{m.nav.officerApp}</a>
          </nav>
        )}
      </header>
      <main className="district-main">{screen}</main>
    </div>
  );
}
