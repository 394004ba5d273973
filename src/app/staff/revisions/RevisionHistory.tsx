/**
 * A report's revisions with who sent each and when, and what changed between any two of them,
 * field by field with the form's labels (describe.ts), not JSON. By default the newest revision
 * is compared with the one before it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { diffReports } from '../../../domain/reportDiff';
import type { RevisionSummary, RevisionView } from '../../../domain/staff';
import { formatDateTime, useI18n } from '../../i18n';
import { fetchRevision } from '../api';
import { describeChanges } from './describe';
import { revisionMessages } from './messages';
import './revisions.css';

export interface RevisionHistoryProps {
  reportId: string;
  revisions: readonly RevisionSummary[];
  /** A 401 on loading a revision: the dashboard asks to sign in again. */
  onFailure?: (error: unknown) => void;
}

type Pair = { from: number; to: number };

export function RevisionHistory({ reportId, revisions, onFailure }: RevisionHistoryProps) {
  const { t, language } = useI18n();
  const m = revisionMessages(language);
  const ordered = useMemo(() => [...revisions].sort((a, b) => a.revision - b.revision), [revisions]);
  const newest = ordered.at(-1)?.revision ?? 0;
  const [pair, setPair] = useState<Pair>(() => ({ from: ordered.at(-2)?.revision ?? newest, to: newest }));
  const [loaded, setLoaded] = useState<{ pair: Pair; from: RevisionView; to: RevisionView } | { pair: Pair; failed: true } | null>(null);

  // Kept in a ref: a new callback on every render of the report screen must not load the revisions again.
  const failureRef = useRef(onFailure);
  useEffect(() => {
    failureRef.current = onFailure;
  });
  useEffect(() => {
    if (ordered.length < 2 || pair.from === pair.to) return;
    let live = true;
    Promise.all([fetchRevision(reportId, pair.from), fetchRevision(reportId, pair.to)]).then(
      ([from, to]) => live && setLoaded({ pair, from, to }),
      (error: unknown) => {
        if (!live) return;
        setLoaded({ pair, failed: true });
        failureRef.current?.(error);
      },
    );
    return () => {
      live = false;
    };
  }, [reportId, pair, ordered.length]);

  const current = loaded && loaded.pair === pair ? loaded : null;
  const lines = current && 'from' in current ? describeChanges(t, diffReports(current.from.document, current.to.document), m) : null;
  const deviceOf = (revision: RevisionSummary) => revision.deviceName ?? m.unknownDevice;
  const option = (revision: RevisionSummary) => (
    <option key={revision.revision} value={revision.revision}>
      {m.revisionOption(revision.revision, formatDateTime(revision.savedAt), deviceOf(revision))}
    </option>
  );

  return (
    <section className="card staff-revisions" data-testid="revision-history">
      <h3 className="card-title">{m.title}</h3>
      <ol className="revision-list">
        {[...ordered].reverse().map((revision) => (
          <li key={revision.revision} data-testid="revision">
            <strong>{m.revision(revision.revision)}</strong> · <span className="figure">{formatDateTime(revision.savedAt)}</span> ·{' '}
            {m.sentBy(deviceOf(revision))}
          </li>
        ))}
      </ol>
      {ordered.length < 2 ? (
        <p className="muted">{m.onlyOne}</p>
      ) : (
        <>
          <div className="staff-toolbar">
            <label className="staff-inline-field">
              <span>{m.from}</span>
              <select
                className="input"
                data-testid="diff-from"
                value={pair.from}
                onChange={(event) => setPair({ ...pair, from: Number(event.target.value) })}
              >
                {ordered.map(option)}
              </select>
            </label>
            <label className="staff-inline-field">
              <span>{m.to}</span>
              <select className="input" data-testid="diff-to" value={pair.to} onChange={(event) => setPair({ ...pair, to: Number(event.target.value) })}>
                {ordered.map(option)}
              </select>
            </label>
          </div>
          {pair.from === pair.to ? (
            <p className="muted">{m.noChanges}</p>
          ) : current && 'failed' in current ? (
            <p className="notice notice-error" role="alert">
              {m.loadFailed}
            </p>
          ) : !lines ? (
            <p className="muted">{m.loading}</p>
          ) : lines.length === 0 ? (
            <p className="muted" data-testid="diff-none">
              {m.noChanges}
            </p>
          ) : (
            <div className="staff-table-wrap">
              <table className="staff-table revision-diff" data-testid="revision-diff">
                <caption className="muted">{m.changeCount(lines.length)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.columns.field}</th>
                    <th scope="col">{m.columns.before}</th>
                    <th scope="col">{m.columns.after}</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((line) => (
                    <tr key={line.key} className={`diff-${line.kind}`} data-testid="diff-line" data-path={line.key}>
                      <th scope="row">{line.label}</th>
                      <td className="diff-before">{line.before}</td>
                      <td className="diff-after">{line.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
