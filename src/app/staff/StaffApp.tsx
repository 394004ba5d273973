/**
 * The staff dashboard of the upper-level unions: sign in; the staff member's node with the way up
 * (breadcrumb) and down (children, roll-up by upper-level union, the period table of its CĐCS); any
 * report below; and, by role, review, enrolment codes and the management of nodes, CĐCS and staff.
 * Reached only through the lazy import at `#/staff` (App.tsx), so none of it is in the officer's first
 * load. Sub-addresses: `#/staff` (own node), `#/staff/node/<id>`, `#/staff/node/<id>/union/<id>`,
 * `#/staff/report/<id>`.
 */
import { useCallback, useEffect, useState } from 'react';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, type PeriodKind } from '../../domain/period';
import type { StaffMe } from '../../domain/staff';
import { useI18n } from '../i18n';
import { fetchMe, savedSession, signOut } from './api';
import { failureText, isSessionEnded } from './errors';
import { staffMessages, type StaffMessages } from './messages';
import { NodeScreen } from './NodeScreen';
import { NO_FILTERS, type OverviewFilters } from './overview';
import type { StaffPlace } from './permissions';
import { ReportScreen } from './ReportScreen';
import { SignInScreen } from './SignInScreen';
import { UnionScreen } from './UnionScreen';
import { displayName } from './rollup';
import './staff.css';

export interface StaffContext {
  m: StaffMessages;
  /** Who is signed in, and their node (the top of what they see). */
  me: StaffMe;
  place: StaffPlace;
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
  const [me, setMe] = useState<StaffMe | null>(null);
  const [meFailure, setMeFailure] = useState<unknown>(null);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [period, setPeriod] = useState<PeriodChoice>(() => ({ year: defaultYear(), kind: 'yearly' }));
  // Kept here so that the filters survive opening a report and coming back, and a change of period.
  const [filters, setFilters] = useState<OverviewFilters>(NO_FILTERS);
  const onSessionEnded = useCallback(() => {
    setSession(null);
    setMe(null);
    setSessionEnded(true);
  }, [setSession, setMe]);

  useEffect(() => {
    if (!session) return;
    let live = true;
    fetchMe().then(
      (loaded) => live && setMe(loaded),
      (error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else setMeFailure(error);
      },
    );
    return () => {
      live = false;
    };
  }, [session, onSessionEnded]);

  let screen;
  if (!session) {
    screen = (
      <SignInScreen
        m={m}
        notice={sessionEnded ? m.sessionEnded : null}
        onSignedIn={(username, token) => {
          setSessionEnded(false);
          setMeFailure(null);
          setSession({ token, username });
        }}
      />
    );
  } else if (!me) {
    screen = meFailure ? (
      <p className="notice notice-error" role="alert">
        {failureText(meFailure, m)}
      </p>
    ) : (
      <p className="shell-loading">{m.overview.loading}</p>
    );
  } else {
    const context: StaffContext = { m, me, place: { role: me.staff.role, nodeId: me.staff.nodeId }, onSessionEnded };
    if (path[0] === 'report' && path[1]) {
      screen = <ReportScreen key={path[1]} context={context} reportId={path[1]} />;
    } else if (path[0] === 'node' && path[1] && path[2] === 'union' && path[3]) {
      screen = <UnionScreen key={path[3]} context={context} nodeId={path[1]} unionId={path[3]} />;
    } else {
      const nodeId = path[0] === 'node' && path[1] ? path[1] : me.staff.nodeId;
      screen = (
        <NodeScreen
          key={`${nodeId}-${period.year}-${period.kind}`}
          context={context}
          nodeId={nodeId}
          period={period}
          onPeriodChange={setPeriod}
          filters={filters}
          onFiltersChange={setFilters}
        />
      );
    }
  }

  return (
    <div className="staff" lang={language}>
      <header className="staff-header">
        <h1 className="staff-title">{m.title}</h1>
        {session ? (
          <nav className="staff-nav" aria-label={m.title}>
            <a href="#/staff" aria-current={path.length === 0 ? 'page' : undefined} data-testid="staff-nav-overview">
              {m.nav.overview}
            </a>
            {me ? (
              <span className="staff-place" data-testid="staff-place" data-role={me.staff.role} data-node-id={me.staff.nodeId}>
                {m.place(m.roles[me.staff.role], displayName(me.node.node))}
              </span>
            ) : null}
            <span className="staff-user">{m.signedInAs(session.username)}</span>
            <button
              type="button"
              className="button button-small"
              data-testid="staff-sign-out"
              onClick={() => {
                void signOut()
                  .catch(() => {})
                  .finally(() => {
                    setSession(null);
                    setMe(null);
                  });
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
