/**
 * What changed, then a report's sends (lần gửi) with who sent each and when, and the autosaved
 * drafts apart and folded away. The comparison opens on what changed since the superior last decided
 * (comparison.ts) and says which two revisions those are; any two can be chosen. The changes are
 * field by field with the form's labels (describe.ts), not JSON.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormDefinition } from '../../../domain/forms/definition';
import { diffReports } from '../../../domain/reportDiff';
import type { ReviewDecisionEntry, RevisionSummary, RevisionView } from '../../../domain/staff';
import { formatDateTime, useI18n } from '../../i18n';
import { fetchRevision } from '../api';
import { defaultComparison, groupRevisions, type Comparison } from './comparison';
import { describeChanges } from './describe';
import { revisionMessages, type RevisionMessages } from './messages';
import './revisions.css';

export interface RevisionHistoryProps {
  reportId: string;
  revisions: readonly RevisionSummary[];
  /** The report's decisions, oldest first: the comparison opens on the last one's revision. */
  decisions: readonly ReviewDecisionEntry[];
  /** A 401 on loading a revision: the dashboard asks to sign in again. */
  onFailure?: (error: unknown) => void;
  /** The form the report answers, other than Plan 94: its rows' labels and order name their changes. */
  form?: FormDefinition;
}

type Pair = { from: number; to: number };

function basisText(comparison: Comparison, m: RevisionMessages): string {
  if (comparison.basis !== 'decision') return m.basis[comparison.basis];
  const { decision } = comparison;
  const when = formatDateTime(decision.decidedAt);
  return decision.status === 'accepted' ? m.basis.accepted(comparison.from, when) : m.basis.returned(comparison.from, when);
}

export function RevisionHistory({ reportId, revisions, decisions, onFailure, form }: RevisionHistoryProps) {
  const { t, language } = useI18n();
  const m = revisionMessages(language);
  const { sends, drafts } = useMemo(() => groupRevisions(revisions), [revisions]);
  const opening = useMemo(() => defaultComparison(revisions, decisions), [revisions, decisions]);
  const newest = sends.at(-1)?.revision ?? drafts.at(-1)?.revision ?? 0;
  // Null until the reviewer picks another pair: the screen follows the opening comparison when the report is read again.
  const [chosen, setChosen] = useState<Pair | null>(null);
  const pair: Pair = chosen ?? (opening ? { from: opening.from, to: opening.to } : { from: newest, to: newest });
  const [loaded, setLoaded] = useState<{ key: string; from: RevisionView; to: RevisionView } | { key: string; failed: true } | null>(null);
  const key = `${pair.from}:${pair.to}`;

  // Kept in a ref: a new callback on every render of the report screen must not load the revisions again.
  const failureRef = useRef(onFailure);
  useEffect(() => {
    failureRef.current = onFailure;
  });
  useEffect(() => {
    if (pair.from === pair.to) return;
    let live = true;
    Promise.all([fetchRevision(reportId, pair.from), fetchRevision(reportId, pair.to)]).then(
      ([from, to]) => live && setLoaded({ key, from, to }),
      (error: unknown) => {
        if (!live) return;
        setLoaded({ key, failed: true });
        failureRef.current?.(error);
      },
    );
    return () => {
      live = false;
    };
    // The pair by its numbers: a new object for the same pair must not load it again.
  }, [reportId, pair.from, pair.to, key]);

  const current = loaded && loaded.key === key ? loaded : null;
  const lines = current && 'from' in current ? describeChanges(t, diffReports(current.from.document, current.to.document, form), m, form) : null;
  const deviceOf = (revision: RevisionSummary) => revision.deviceName ?? m.unknownDevice;
  const options = (
    <>
      {sends.length > 0 ? (
        <optgroup label={m.sendsGroup}>
          {sends.map((revision) => (
            <option key={revision.revision} value={revision.revision}>
              {m.sendOption(revision.send, revision.revision, formatDateTime(revision.savedAt), deviceOf(revision))}
            </option>
          ))}
        </optgroup>
      ) : null}
      {drafts.length > 0 ? (
        <optgroup label={m.draftsGroup}>
          {drafts.map((revision) => (
            <option key={revision.revision} value={revision.revision}>
              {m.draftOption(revision.revision, formatDateTime(revision.savedAt), deviceOf(revision))}
            </option>
          ))}
        </optgroup>
      ) : null}
    </>
  );

  return (
    <section className="card staff-revisions" data-testid="revision-history" aria-labelledby="staff-revisions-title">
      <h3 className="card-title" id="staff-revisions-title">
        {m.title}
      </h3>

      <h4 className="revision-subtitle">{m.changesTitle}</h4>
      {revisions.length < 2 ? (
        <p className="muted">{m.onlyOne}</p>
      ) : (
        <>
          {chosen === null && opening ? (
            <p className="muted" data-testid="diff-basis" data-basis={opening.basis}>
              {basisText(opening, m)}
            </p>
          ) : null}
          <div className="staff-toolbar">
            <label className="staff-inline-field">
              <span>{m.from}</span>
              <select className="input" data-testid="diff-from" value={pair.from} onChange={(event) => setChosen({ ...pair, from: Number(event.target.value) })}>
                {options}
              </select>
            </label>
            <label className="staff-inline-field">
              <span>{m.to}</span>
              <select className="input" data-testid="diff-to" value={pair.to} onChange={(event) => setChosen({ ...pair, to: Number(event.target.value) })}>
                {options}
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
              <table className="staff-table revision-diff" data-testid="revision-diff" data-from={pair.from} data-to={pair.to}>
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

      <h4 className="revision-subtitle">{m.sendsTitle}</h4>
      {sends.length === 0 ? (
        <p className="muted" data-testid="no-sends">
          {m.noSends}
        </p>
      ) : (
        <ol className="revision-list">
          {[...sends].reverse().map((revision) => (
            <li key={revision.revision} data-testid="revision" data-revision={revision.revision}>
              <strong>{m.send(revision.send)}</strong> ({m.revision(revision.revision)}) · <span className="figure">{formatDateTime(revision.savedAt)}</span> ·{' '}
              {m.sentBy(deviceOf(revision))}
            </li>
          ))}
        </ol>
      )}
      {drafts.length > 0 ? (
        <details className="revision-drafts" data-testid="draft-revisions">
          <summary>{m.drafts(drafts.length)}</summary>
          <p className="muted">{m.draftsNote}</p>
          <ol className="revision-list">
            {[...drafts].reverse().map((revision) => (
              <li key={revision.revision} data-testid="draft-revision" data-revision={revision.revision}>
                <strong>{m.revision(revision.revision)}</strong> · <span className="figure">{formatDateTime(revision.savedAt)}</span> · {m.savedBy(deviceOf(revision))}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
