/**
 * Backup to a JSON file and restore from one. Restoring reads and checks the whole file, shows what
 * it would do, and asks before any local copy is replaced; a bad file changes nothing.
 */
import { useRef, useState } from 'react';
import { MAX_BACKUP_BYTES, parseBackup, type Backup, type BackupProblem } from '../../../domain/backup';
import { ImportPlanChangedError, StorageFullError, getLocalStore } from '../../db';
import { BackupRepository, countActions, type ImportPlan } from '../../db/backup';
import { formatDateTime, useI18n } from '../../i18n';
import { backupMessages, type BackupMessages } from './messages';

type Status = { kind: 'ok' | 'error'; text: string } | null;

function problemText(m: BackupMessages, problem: BackupProblem | { kind: 'unreadable' }): string {
  return m.problems[problem.kind];
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some mobile browsers start the download after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export default function BackupScreen() {
  const { language } = useI18n();
  const m = backupMessages(language);
  return (
    <div className="screen">
      <h2 className="screen-title">{m.title}</h2>
      <ExportCard />
      <ImportCard />
    </div>
  );
}

function ExportCard() {
  const { t, language } = useI18n();
  const m = backupMessages(language);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const exportNow = async () => {
    setBusy(true);
    setStatus(null);
    try {
      const exported = await new BackupRepository(getLocalStore()).export();
      download(exported.fileName, exported.text);
      setStatus({ kind: 'ok', text: m.exported(exported.fileName, exported.reportCount) });
    } catch {
      setStatus({ kind: 'error', text: t.db.genericError });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h3 className="card-title">{m.exportTitle}</h3>
      <p className="muted">{m.exportIntro}</p>
      <button type="button" className="button button-primary button-wide" data-testid="backup-export" disabled={busy} onClick={() => void exportNow()}>
        {m.export}
      </button>
      {status ? (
        <p className={`field-message field-message-${status.kind}`} role="status" data-testid="backup-export-result">
          {status.text}
        </p>
      ) : null}
    </section>
  );
}

interface Pending {
  backup: Backup;
  plan: ImportPlan;
  replace: Set<string>;
  replaceProfile: boolean;
}

function ImportCard() {
  const { t, language } = useI18n();
  const m = backupMessages(language);
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [labels, setLabels] = useState<Map<string, string>>(new Map());

  const choose = async (file: File | undefined) => {
    setPending(null);
    setStatus(null);
    if (!file) return;
    // Never read a huge file into memory just to refuse it.
    if (file.size > MAX_BACKUP_BYTES) {
      setStatus({ kind: 'error', text: problemText(m, { kind: 'tooLarge', bytes: file.size }) });
      return;
    }
    setBusy(true);
    try {
      const text = await file.text();
      const parsed = parseBackup(text, file.size);
      if (!parsed.ok) {
        setStatus({ kind: 'error', text: problemText(m, parsed.problem) });
        return;
      }
      const store = getLocalStore();
      const plan = await new BackupRepository(store).plan(parsed.backup);
      const local = new Map((await store.reports.list()).map((r) => [r.id, r.document.updatedAt]));
      setLabels(local);
      setPending({
        backup: parsed.backup,
        plan,
        // A copy newer than the device's is offered ticked; an older one never is.
        replace: new Set(plan.items.filter((i) => i.action === 'newer').map((i) => i.entry.document.id)),
        replaceProfile: false,
      });
    } catch {
      setStatus({ kind: 'error', text: problemText(m, { kind: 'unreadable' }) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const result = await new BackupRepository(getLocalStore()).import(pending.backup, pending.plan, {
        replace: pending.replace,
        replaceProfile: pending.replaceProfile,
      });
      setPending(null);
      setStatus({ kind: 'ok', text: m.done(result.added, result.replaced, result.skipped) });
    } catch (error) {
      setPending(null);
      setStatus({
        kind: 'error',
        text:
          error instanceof ImportPlanChangedError
            ? m.planChanged
            : error instanceof StorageFullError
              ? t.db.storageFull
              : t.db.genericError,
      });
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string, on: boolean) => {
    if (!pending) return;
    const replace = new Set(pending.replace);
    if (on) replace.add(id);
    else replace.delete(id);
    setPending({ ...pending, replace });
  };

  const counts = pending ? countActions(pending.plan.items) : null;
  const replaceable = pending ? pending.plan.items.filter((i) => i.action === 'newer' || i.action === 'older') : [];
  const nothingToDo = pending != null && counts!.new === 0 && replaceable.length === 0 && !pending.plan.profileDiffers;

  return (
    <section className="card">
      <h3 className="card-title">{m.importTitle}</h3>
      <p className="muted">{m.importIntro}</p>
      <label className="button button-wide file-button" htmlFor="backup-file">
        {m.chooseFile}
      </label>
      <input
        ref={input}
        id="backup-file"
        className="file-input"
        type="file"
        accept="application/json,.json"
        data-testid="backup-import-file"
        disabled={busy}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      {busy ? <p className="muted">{m.reading}</p> : null}
      {status ? (
        <p
          className={`field-message field-message-${status.kind}`}
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid={status.kind === 'error' ? 'backup-import-problem' : 'backup-import-result'}
        >
          {status.text}
        </p>
      ) : null}
      {status?.kind === 'ok' ? (
        <a className="button button-wide" href="#/">
          {t.editor.backToList}
        </a>
      ) : null}
      {pending && counts ? (
        <div className="import-plan" data-testid="backup-import-plan">
          {nothingToDo ? (
            <p>{m.nothingToDo}</p>
          ) : (
            <>
              <p className="review-heading">{m.planTitle}</p>
              <ul className="plan-counts">
                <li data-testid="plan-new">{m.planNew(counts.new)}</li>
                {counts.newer > 0 ? <li data-testid="plan-newer">{m.planNewer(counts.newer)}</li> : null}
                {counts.older > 0 ? <li data-testid="plan-older">{m.planOlder(counts.older)}</li> : null}
                {counts.same > 0 ? <li data-testid="plan-same">{m.planSame(counts.same)}</li> : null}
              </ul>
              {replaceable.map(({ entry, action }) => {
                const id = entry.document.id;
                const label = t.periodLabel(entry.document.period.year, entry.document.period.kind);
                const localAt = labels.get(id);
                return (
                  <label key={id} className={`checkbox plan-item plan-item-${action}`}>
                    <input
                      type="checkbox"
                      data-testid={`backup-replace-${id}`}
                      checked={pending.replace.has(id)}
                      onChange={(e) => toggle(id, e.target.checked)}
                    />
                    <span>
                      <strong>{label}</strong> — {m.actionLabels[action]}: {formatDateTime(entry.document.updatedAt)}
                      {localAt ? ` / ${formatDateTime(localAt)}` : ''}
                      <br />
                      {action === 'newer' ? m.replaceNewer : m.replaceOlder}
                    </span>
                  </label>
                );
              })}
              {pending.plan.items
                .filter((item) => pending.plan.periodClashes.includes(item.entry.document.id))
                .map(({ entry }) => (
                  <p key={entry.document.id} className="field-message field-message-warning" data-testid="backup-period-clash">
                    {m.periodClash(t.periodLabel(entry.document.period.year, entry.document.period.kind))}
                  </p>
                ))}
              {pending.plan.profileDiffers ? (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    data-testid="backup-replace-profile"
                    checked={pending.replaceProfile}
                    onChange={(e) => setPending({ ...pending, replaceProfile: e.target.checked })}
                  />
                  <span>{m.replaceProfile}</span>
                </label>
              ) : null}
              <div className="button-row">
                <button type="button" className="button button-primary" data-testid="backup-import-confirm" disabled={busy} onClick={() => void confirm()}>
                  {m.confirm}
                </button>
                <button type="button" className="button" data-testid="backup-import-cancel" onClick={() => setPending(null)}>
                  {m.cancel}
                </button>
              </div>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
