/** Every report on this device, and the form to start a new one. */
import { useCallback, useEffect, useState } from 'react';
import { meetsUnionizationTarget, unionizationRate } from '../../../domain/indicators';
import {
  FIRST_REPORT_YEAR,
  LAST_REPORT_YEAR,
  PERIOD_KINDS,
  periodKey,
  type PeriodKind,
  type ReportPeriod,
} from '../../../domain/period';
import { deadlineStanding, dueRounds, proposedPeriod, roundOfPeriod, type ReportingRound } from '../../../domain/round';
import type { UnionProfile } from '../../../domain/report';
import { PeriodTakenError, StorageFullError, getLocalStore, type StoredReport } from '../../db';
import { reportLifecycle, type ReportAction } from '../../../domain/lifecycle';
import { formatDate, formatDateTime, formatIsoDate, formatRate, useI18n } from '../../i18n';
import { checkForReplies, type SyncStatus } from '../../sync';
import { InstallBanner, isPushMoment, PushOffer } from '../../pwa';
import { FieldRow } from '../../ui/FieldRow';
import { navigate } from '../../ui/router';
import { afterFirstScreen, noteFirstScreenDrawn } from '../../ui/firstScreen';
import { SyncPanel, useSuperiorName, useSyncStatus } from '../syncStatus';
import { CheckRepliesButton } from './CheckRepliesButton';
import { DeleteReportAction } from './DeleteReportAction';
import { ReportStanding } from './ReportStanding';
import { RoundDetails } from './RoundNotice';
import { useReportingRounds } from './useReportingRounds';
import { isPlan94Report, reportFormRef, roundFormRef } from '../../../domain/forms/formRef';
import { roundOfForm, useFormDefinition } from './useFormDefinition';


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
  // A pull can bring reports from the union's other device or the superior's decision: list again.
  const { lastSyncAt } = useSyncStatus();
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Opening the list is when the officer looks for the superior's decision: fetch it now.
  // Not before the list is drawn: at app start, the engine's own first cycle pulls anyway.
  useEffect(() => afterFirstScreen(() => void checkForReplies().catch(() => {})), []);
  const rounds = useReportingRounds();
  const superior = useSuperiorName();
  // The moment the list's days and proposal are counted from (render stays pure; the list is opened often).
  const [now] = useState(() => Date.now());
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
      {/* A round has reached the phone or a report was sent: the moments to ask about notifications. */}
      <PushOffer moment={isPushMoment(reports.map((report) => report.document.status), rounds.length)} superior={superior} language={language} />
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
      <DueRounds rounds={rounds} reports={reports} now={now} />
      <h2 className="screen-title">{t.list.title}</h2>
      {reports.length === 0 ? (
        <p className="empty">{t.list.empty}</p>
      ) : (
        <ul className="report-list">
          {reports.map((report) => (
            <ReportListItem
              key={report.id}
              report={report}
              round={isPlan94Report(report.document) ? roundOfPeriod(rounds, report.document.period) : roundOfForm(rounds, report.document, report.formId)}
              now={now}
              onDeleted={reload}
            />
          ))}
        </ul>
      )}
      <CreateReportForm reports={reports} rounds={rounds} now={now} />
    </div>
  );
}

/** What the superiors' open rounds still ask of this union, soonest deadline first. */
function DueRounds({ rounds, reports, now }: { rounds: ReportingRound[]; reports: StoredReport[]; now: number }) {
  const { t } = useI18n();
  const due = dueRounds(
    rounds,
    reports.map((r) => r.document),
  );
  if (due.length === 0) return null;
  return (
    <section className="due-rounds" data-testid="due-rounds">
      <h2 className="screen-title">{t.rounds.dueTitle}</h2>
      <ul className="report-list">
        {due.map((round) => (
          <DueRound
            key={round.id}
            round={round}
            existing={reports.find((r) => periodKey(r.document.period) === periodKey(round.period) && r.formId === roundFormRef(round).id)}
            now={now}
          />
        ))}
      </ul>
    </section>
  );
}

function DueRound({ round, existing, now }: { round: ReportingRound; existing: StoredReport | undefined; now: number }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  // A round asking for another form than Plan 94 (issue 22) makes a report of that form.
  const ref = roundFormRef(round);
  const plan94 = isPlan94Report({ form: ref });
  const definition = useFormDefinition(plan94 ? undefined : ref);
  const start = async () => {
    setProblem(null);
    try {
      const store = getLocalStore();
      const hasPrevious = (await store.reports.previousOf(round.period, ref.id)) != null;
      const created = await store.reports.create(round.period, { fromPrevious: hasPrevious, ...(plan94 ? {} : { form: ref }) });
      navigate({ screen: 'report', reportId: created.id, section: null });
    } catch (error) {
      setProblem(error instanceof StorageFullError ? t.db.storageFull : error instanceof PeriodTakenError ? t.list.periodTaken : t.db.genericError);
    }
  };
  return (
    <li className="card report-item" data-testid="due-round" data-period={periodKey(round.period)} data-form={ref.id}>
      <span className="report-period">{t.periodLabel(round.period.year, round.period.kind)}</span>
      {plan94 ? null : (
        <span className="report-meta" data-testid="due-round-form">
          {t.forms.formOf(definition?.title ?? ref.id)}
        </span>
      )}
      <RoundDetails round={round} period={round.period} now={now} />
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

function ReportListItem({ report, round, now, onDeleted }: { report: StoredReport; round: ReportingRound | null; now: number; onDeleted: () => void }) {
  const { t } = useI18n();
  const { document } = report;
  const plan94 = isPlan94Report(document);
  const definition = useFormDefinition(plan94 ? undefined : reportFormRef(document));
  const label = t.periodLabel(document.period.year, document.period.kind);
  const rate = unionizationRate(document.membership.members, document.membership.workers);
  const met = meetsUnionizationTarget(rate);
  const [error, setError] = useState<string | null>(null);
  // The superior's round sets the deadline; without one, the plan's review month gives the default.
  const { deadline, daysLeft, closedAt } = deadlineStanding(document.period, round, now);
  const lifecycle = reportLifecycle({ ...report, round });
  const [busy, setBusy] = useState(false);
  // The one action a card draws (a returned report's "Sửa và gửi lại"): reopen it, then open it to fix.
  const act = async (action: ReportAction) => {
    if (action !== 'fixAndResend') return;
    setBusy(true);
    setError(null);
    try {
      await getLocalStore().reports.reopen(report.id);
      navigate({ screen: 'report', reportId: report.id, section: null });
    } catch (e) {
      setError(e instanceof StorageFullError ? t.db.storageFull : t.db.genericError);
      setBusy(false);
    }
  };
  const stillToSend = lifecycle.action === 'send' || lifecycle.action === 'sendAgain' || lifecycle.action === 'fixAndResend';
  return (
    <li
      className="card report-item"
      data-testid="report-item"
      data-report-id={report.id}
      data-period={`${document.period.year}-${document.period.kind}`}
      data-form={report.formId}
    >
      <a className="report-link" href={`#/report/${report.id}`} data-testid="report-open">
        <span className="report-period">{label}</span>
        {plan94 ? null : (
          <span className="report-meta" data-testid="report-form">
            {t.forms.formOf(definition?.title ?? report.formId)}
          </span>
        )}
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
      <ReportStanding reportId={report.id} lifecycle={lifecycle} sync={report.sync} variant="list" busy={busy} onAction={(action) => void act(action)} />
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

function CreateReportForm({ reports, rounds, now }: { reports: StoredReport[]; rounds: ReportingRound[]; now: number }) {
  const { t } = useI18n();
  // The superior's open round, or the rule of today when none has reached the phone (round.ts
  // `proposedPeriod`): the period the superior's screens open on. Followed until the officer picks a
  // year or kind, since the rounds are read after the list and a pull can bring one.
  const proposed = proposedPeriod(
    now,
    rounds,
    reports.map((r) => r.document.period),
  );
  const [chosen, setChosen] = useState<ReportPeriod | null>(null);
  const { year, kind } = chosen ?? proposed;
  const setYear = (next: number) => setChosen({ year: next, kind });
  const setKind = (next: PeriodKind) => setChosen({ year, kind: next });
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
      <FieldRow id="create-year" label={t.list.year}>
        <select id="create-year" className="input" data-testid="create-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {YEARS.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </FieldRow>
      <FieldRow id="create-kind" label={t.list.kind}>
        <select id="create-kind" className="input" data-testid="create-kind" value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
          {PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t.periodKinds[k]}
            </option>
          ))}
        </select>
      </FieldRow>
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
