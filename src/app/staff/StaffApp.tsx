/**
 * The staff dashboard of the upper-level unions: sign in; the staff member's node with the way up
 * (breadcrumb) and down (children, roll-up by upper-level union, the period table of its CĐCS); any
 * report below; and, by role, review, enrolment codes and the management of nodes, CĐCS and staff.
 * Reached only through the lazy import at `#/staff` (App.tsx), so none of it is in the officer's first
 * load. Sub-addresses: `#/staff` (own node), `#/staff/node/<id>`, `#/staff/node/<id>/union/<id>`
 * (`…/codes`: at its enrolment codes), `#/staff/node/<id>/forms` (report forms), `…/forms/<formId>/rollup/<year>/<kind>`
 * (a form's roll-up at the node), `#/staff/report/<id>`,
 * `#/staff/audit` (admins: the audit log), `#/staff/account` (password, sessions, two-step sign-in).
 * A session that must first change its password or set up two-step sign-in (the server answers 403
 * with that code) sees only that step (account/RequiredStepScreen.tsx).
 */
import { useCallback, useEffect, useState } from 'react';
import type { StaffMe, StaffRestriction } from '../../domain/staff';
import { useI18n } from '../i18n';
import { AccountScreen } from './account/AccountScreen';
import { accountMessages } from './account/messages';
import { RequiredStepScreen } from './account/RequiredStepScreen';
import { fetchMe, savedSession, signOut, StaffApiError } from './api';
import { AuditScreen } from './audit/AuditScreen';
import { auditMessages } from './audit/messages';
import { isSessionEnded } from './errors';
import { FailureNotice } from './FailureNotice';
import { FormRollupScreen } from './forms/FormRollupScreen';
import { FormsScreen } from './forms/FormsScreen';
import { rollupPeriod } from './forms/rollupRoute';
import { staffMessages } from './messages';
import { NodeScreen } from './NodeScreen';
import { NO_FILTERS, type OverviewFilters } from './overview';
import { may } from './permissions';
import { ReportScreen } from './ReportScreen';
import { SignInScreen } from './SignInScreen';
import { UnionScreen } from './UnionScreen';
import { displayName } from './rollup';
import type { PeriodChoice, StaffContext } from './staffContext';
import './staff.css';

export default function StaffApp({ path }: { path: string[] }) {
  const { language } = useI18n();
  const m = staffMessages(language);
  const [session, setSession] = useState(() => savedSession());
  const [me, setMe] = useState<StaffMe | null>(null);
  const [meFailure, setMeFailure] = useState<unknown>(null);
  const [restriction, setRestriction] = useState<StaffRestriction>(null);

  const [sessionEnded, setSessionEnded] = useState(false);
  // Null until the staff member picks one: each node screen then opens on the period the server
  // chooses for it (its open round's, else the latest with reports; services/overview.ts).
  const [period, setPeriod] = useState<PeriodChoice | null>(null);
  // Kept here so that the filters survive opening a report and coming back, and a change of period.
  const [filters, setFilters] = useState<OverviewFilters>(NO_FILTERS);
  const onSessionEnded = useCallback(() => {
    setSession(null);
    setMe(null);
    setSessionEnded(true);
  }, [setSession, setMe]);

  useEffect(() => {
    // A session that must first change its password or set up two-step sign-in shows only that step.
    if (!session || restriction) return;
    let live = true;
    fetchMe().then(
      (loaded) => {
        if (!live) return;
        setRestriction(null);
        setMe(loaded);
      },
      (error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else if (error instanceof StaffApiError && (error.error === 'password_change_required' || error.error === 'totp_setup_required')) setRestriction(error.error);
        else setMeFailure(error);
      },
    );
    return () => {
      live = false;
    };
  }, [session, onSessionEnded, restriction]);

  let screen;
  if (!session) {
    screen = (
      <SignInScreen
        m={m}
        notice={sessionEnded ? m.sessionEnded : null}
        onSignedIn={(username, token, required) => {
          setSessionEnded(false);
          setMeFailure(null);
          setRestriction(required);
          setSession({ token, username });
        }}
      />
    );
  } else if (restriction) {
    screen = <RequiredStepScreen m={m} restriction={restriction} onDone={() => setRestriction(null)} />;
  } else if (!me) {
    screen = meFailure ? (
      <FailureNotice failure={meFailure} m={m} />
    ) : (
      <p className="shell-loading">{m.overview.loading}</p>
    );
  } else {
    const context: StaffContext = { m, me, place: { role: me.staff.role, nodeId: me.staff.nodeId }, onSessionEnded };
    if (path[0] === 'audit' && may(context.place, 'readAudit')) {
      screen = <AuditScreen context={context} />;
    } else if (path[0] === 'account') {
      screen = <AccountScreen context={context} />;
    } else if (path[0] === 'report' && path[1]) {
      screen = <ReportScreen key={path[1]} context={context} reportId={path[1]} />;
    } else if (path[0] === 'node' && path[1] && path[2] === 'forms' && path[3] && path[4] === 'rollup') {
      // The period in the address, else the one chosen on the node screen (else the screen takes the one due now).
      const shown = rollupPeriod(path[5], path[6]) ?? period;
      screen = <FormRollupScreen key={`${path[1]}/${path[3]}`} context={context} nodeId={path[1]} formId={path[3]} period={shown} />;
    } else if (path[0] === 'node' && path[1] && path[2] === 'forms') {
      screen = <FormsScreen key={path[1]} context={context} nodeId={path[1]} />;
    } else if (path[0] === 'node' && path[1] && path[2] === 'union' && path[3]) {
      screen = <UnionScreen key={path[3]} context={context} nodeId={path[1]} unionId={path[3]} focusCodes={path[4] === 'codes'} />;
    } else {
      const nodeId = path[0] === 'node' && path[1] ? path[1] : me.staff.nodeId;
      screen = (
        <NodeScreen
          key={`${nodeId}-${period ? `${period.year}-${period.kind}` : 'default'}`}
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
            {me && may({ role: me.staff.role, nodeId: me.staff.nodeId }, 'readAudit') ? (
              <a href="#/staff/audit" aria-current={path[0] === 'audit' ? 'page' : undefined} data-testid="staff-nav-audit">
                {auditMessages(language).nav}
              </a>
            ) : null}
            {me ? (
              <span className="staff-place" data-testid="staff-place" data-role={me.staff.role} data-node-id={me.staff.nodeId}>
                {m.place(m.roles[me.staff.role], displayName(me.node.node))}
              </span>
            ) : null}
            {me ? (
              <a href="#/staff/account" aria-current={path[0] === 'account' ? 'page' : undefined} data-testid="staff-nav-account">
                {accountMessages(language).nav}
              </a>
            ) : null}
            <span className="staff-user">{m.signedInAs(session.username)}</span>
            <button
              type="button"
              className="button button-small"
              data-testid="staff-sign-out"
              onClick={() => {
                // The screens go at once: a screen still shown while the server ends the session would ask with a dead token.
                void signOut().catch(() => {});
                setSession(null);
                setMe(null);
                setRestriction(null);
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
