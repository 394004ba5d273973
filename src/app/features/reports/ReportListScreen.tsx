/** Every report on this device, and the form to start a new one. */
import { useCallback, useEffect, useState } from 'react';
import { meetsUnionizationTarget, unionizationRate } from '../../../domain/indicators';
import {
  FIRST_REPORT_YEAR,
  LAST_REPORT_YEAR,
  PERIOD_KINDS,
  duePeriod,
  periodKey,
  type PeriodKind,
  type ReportPeriod,
} from '../../../domain/period';
import { deadlineStanding, dueRounds, roundOfPeriod, type ReportingRound } from '../../../domain/round';
import type { UnionProfile } from '../../../domain/report';
import { PeriodTakenError, StorageFullError, getLocalStore, type StoredReport } from '../../db';
import { reportLifecycle } from '../../../domain/lifecycle';
import { formatDate, formatDateTime, formatIsoDate, formatRate, useI18n } from '../../i18n';
import { checkForReplies, type SyncStatus } from '../../sync';
import { InstallBanner } from '../../pwa';
import { navigate } from '../../ui/router';
import { afterFirstScreen, noteFirstScreenDrawn } from '../../ui/firstScreen';
import { SyncPanel, useSyncStatus } from '../sync';
import { CheckRepliesButton } from './CheckRepliesButton';
import { DeleteReportAction } from './DeleteReportAction';
import { ReportStanding } from './ReportStanding';
import { RoundDetails } from './RoundNotice';
import { localToday, useReportingRounds } from './useReportingRounds';


const YEARS = Array.from({ length: LAST_REPORT_YEAR - FIRST_REPORT_YEAR + 1 }, (_, i) => FIRST_REPORT_YEAR + i);

export function ReportListScreen() {
  const { t, language } = useI18n();
  const store = getLocalStore();
  const [reports, setReports] = useState<StoredReport[] | null>(null);
  const [profile, setProfile] = useState<UnionProfile | null | undefined>(undefined);
  const [loadFailed, setLoadFailed] = useState(false);
  // Where sync stands as storage says, for the panel's first drawing (before the engine has loaded).
  const [knownSync, setKnownSync] = useState<SyncStatus | null>(null);

  const [version, setVersion] = useState(0);
  // A pull can bring reports from the union's other device or the district's decision: list again.
  const { lastSyncAt } = useSyncStatus();
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Opening the list is when the officer looks for the superior's decision: fetch it now.
  // Not before the list is drawn: at app start, the engine's own first cycle pulls anyway.
  useEffect(() => afterFirstScreen(() => void checkForReplies().catch(() => {})), []);
  const rounds = useReportingRounds();
  useEffect(() => {
    let live = true;
    Promise.all([
      store.reports.list(),
      store.settings.get('profile'),
      store.settings.get('deviceToken'),
      store.settings.get('lastSyncAt'),
    ])
      .then(([list, savedProfile, deviceToken, lastSyncAt]) => {
        if (!live) return;
        setReports(list);
        setProfile(savedProfile ?? null);
        setKnownSync(deviceToken ? { state: 'idle', lastSyncAt: lastSyncAt ?? null, retryAt: null } : { state: 'unenrolled', lastSyncAt: null, retryAt: null });
      })
      .catch(() => live && setLoadFailed(true));
    return () => {
      live = false;
    };
  }, [store, version, lastSyncAt]);

  const listed = reports != null;
  // The list is on screen: what waited for it (sync engine, service worker) may start.
  useEffect(() => {
    if (listed) noteFirstScreenDrawn();
  }, [listed]);

  if (loadFailed) return <p className="notice notice-error">{t.db.openFailed}</p>;
  if (reports == null) return <p className="muted">{t.common.loading}</p>;

  return (
    <div className="screen">
      <InstallBanner language={language} />
      {profile === null || (profile && profile.unionName === '') ? (
        <div className="notice">
          <p>{t.profile.setupPrompt}</p>
          <a className="button" href="#/profile" data-testid="profile-setup-link">
            {t.profile.setupLink}
          </a>
        </div>
      ) : profile ? (
        <p className="union-name" data-testid="union-name">
          {profile.unionName}
        </p>
      ) : null}

      <SyncPanel enrolHref="#/enrol" known={knownSync} />
      <CheckRepliesButton known={knownSync} />
      <DueRounds rounds={rounds} reports={reports} />
      <h2 className="screen-title">{t.list.title}</h2>
      {reports.length === 0 ? (
        <p className="empty">{t.list.empty}</p>
      ) : (
        <ul className="report-list">
          {reports.map((report) => (
            <ReportListItem key={report.id} report={report} round={roundOfPeriod(rounds, report.document.period)} onDeleted={reload} />
          ))}
        </ul>
      )}
      <CreateReportForm reports={reports} />
    </div>
  );
}

/** What the superiors' open rounds still ask of this union, soonest deadline first. */
function DueRounds({ rounds, reports }: { rounds: ReportingRound[]; reports: StoredReport[] }) {
  const { t } = useI18n();
  const due = dueRounds(
    rounds,
    reports.map((r) => r.document),
  );
  if (due.length === 0) return null;
  const today = localToday();
  return (
    <section className="due-rounds" data-testid="due-rounds">
      <h2 className="screen-title">{t.rounds.dueTitle}</h2>
      <ul className="report-list">
        {due.map((round) => (
          <DueRound key={round.id} round={round} existing={reports.find((r) => periodKey(r.document.period) === periodKey(round.period))} today={today} />
        ))}
      </ul>
    </section>
  );
}

function DueRound({ round, existing, today }: { round: ReportingRound; existing: StoredReport | undefined; today: string }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const start = async () => {
    setProblem(null);
    try {
      const store = getLocalStore();
      const hasPrevious = (await store.reports.previousOf(round.period)) != null;
      const created = await store.reports.create(round.period, { fromPrevious: hasPrevious });
      navigate({ screen: 'report', reportId: created.id, section: null });
    } catch (error) {
      setProblem(error instanceof StorageFullError ? t.db.storageFull : error instanceof PeriodTakenError ? t.list.periodTaken : t.db.genericError);
    }
  };
  return (
    <li className="card report-item" data-testid="due-round" data-period={periodKey(round.period)}>
      <span className="report-period">{t.periodLabel(round.period.year, round.period.kind)}</span>
      <RoundDetails round={round} period={round.period} today={today} />
      {existing ? (
        <a className="button" href={`#/report/${existing.id}`} data-testid="due-round-open">
          {t.rounds.open}
        </a>
      ) : (
        <button type="button" className="button button-primary" data-testid="due-round-create" onClick={() => void start()}>
          {t.rounds.create}
        </button>
      )}
      {problem ? <p className="field-message field-message-error">{problem}</p> : null}
    </li>
  );
}

function ReportListItem({ report, round, onDeleted }: { report: StoredReport; round: ReportingRound | null; onDeleted: () => void }) {
  const { t } = useI18n();
  const { document } = report;
  const label = t.periodLabel(document.period.year, document.period.kind);
  const rate = unionizationRate(document.membership.members, document.membership.workers);
  const met = meetsUnionizationTarget(rate);
  const [error, setError] = useState<string | null>(null);
  // The superior's round sets the deadline; without one, the plan's review month gives the default.
  const { deadline, daysLeft, closedAt } = deadlineStanding(document.period, round, localToday());
  const lifecycle = reportLifecycle({ ...report, round });
  const stillToSend = lifecycle.action === 'send' || lifecycle.action === 'sendAgain' || lifecycle.action === 'fixAndResend';
  return (
    <li className="card report-item" data-testid="report-item" data-report-id={report.id} data-period={`${document.period.year}-${document.period.kind}`}>
      <a className="report-link" href={`#/report/${report.id}`} data-testid="report-open">
        <span className="report-period">{label}</span>
        <span className="report-meta">{t.list.lastEdited(formatDateTime(document.updatedAt))}</span>
        {closedAt && lifecycle.stage === 'roundClosed' ? (
          <span className="report-meta report-overdue" data-testid="report-round-closed">
            {t.rounds.closed(formatDate(closedAt))}
          </span>
        ) : stillToSend && daysLeft >= -60 ? (
          <span className={`report-meta${daysLeft < 0 ? ' report-overdue' : ''}`} data-testid="report-deadline">
            {t.list.deadline(formatIsoDate(deadline), daysLeft)}
          </span>
        ) : null}
        {rate != null ? (
          <span className="report-meta">
            {t.list.rate(formatRate(rate))} · {met ? t.editor.rateMet : t.editor.rateNotMet}
          </span>
        ) : null}
      </a>
      <ReportStanding reportId={report.id} lifecycle={lifecycle} sync={report.sync} variant="list" />
      <DeleteReportAction
        label={label}
        stage={lifecycle.stage}
        onServer={report.sync.serverRevision != null}
        unsent={report.sync.pending}
        onConfirm={async () => {
          try {
            await getLocalStore().reports.delete(report.id);
            onDeleted();
          } catch (e) {
            setError(e instanceof StorageFullError ? t.db.storageFull : t.db.genericError);
          }
        }}
      />
      {error ? <p className="field-message field-message-error">{error}</p> : null}
    </li>
  );
}

function CreateReportForm({ reports }: { reports: StoredReport[] }) {
  const { t } = useI18n();
  // The period that is due: usually last year's yearly report (see `duePeriod`).
  const [due] = useState(() => duePeriod(localToday(), reports.map((r) => r.document.period)));
  const [year, setYear] = useState(due.year);
  const [kind, setKind] = useState<PeriodKind>(due.kind);
  const [fromPrevious, setFromPrevious] = useState(true);
  const [problem, setProblem] = useState<{ text: string; existingId?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const period: ReportPeriod = { year, kind };
  const previousYear = year - 1;
  const hasPrevious = reports.some((r) => r.document.period.year === previousYear && r.document.period.kind === 'yearly');

  const create = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const created = await getLocalStore().reports.create(period, { fromPrevious: fromPrevious && hasPrevious });
      navigate({ screen: 'report', reportId: created.id, section: null });
    } catch (error) {
      if (error instanceof PeriodTakenError) setProblem({ text: t.list.periodTaken, existingId: error.existingReportId });
      else setProblem({ text: error instanceof StorageFullError ? t.db.storageFull : t.db.genericError });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card create-report"
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <h3 className="card-title">{t.list.createTitle}</h3>
      <div className="field">
        <label className="field-label" htmlFor="create-year">
          {t.list.year}
        </label>
        <select id="create-year" className="input" data-testid="create-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {YEARS.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="create-kind">
          {t.list.kind}
        </label>
        <select id="create-kind" className="input" data-testid="create-kind" value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
          {PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t.periodKinds[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="create-from-previous"
            checked={fromPrevious && hasPrevious}
            disabled={!hasPrevious}
            onChange={(e) => setFromPrevious(e.target.checked)}
          />
          <span>{t.list.fromPrevious}</span>
        </label>
        {!hasPrevious ? <p className="field-hint">{t.list.noPrevious(previousYear)}</p> : null}
      </div>
      <button type="submit" className="button button-primary button-wide" data-testid="create-report" disabled={busy}>
        {t.list.create}
      </button>
      {problem ? (
        <div className="field-message field-message-error" role="alert" data-testid="create-problem">
          <p>{problem.text}</p>
          {problem.existingId ? (
            <a className="button" href={`#/report/${problem.existingId}`}>
              {t.list.openExisting}
            </a>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
