/**
 * One CĐCS as seen from the node it hangs under: its history of superiors (from, to, effective date,
 * when and by whom), and for an admin its record (UnionEditForm) and the move to another upper-level union of their subtree with an
 * effective date. Its devices keep working; its reports stay with the superior they were filed under.
 */
import { localIsoDate } from '../../domain/period';
import { useEffect, useState, type FormEvent } from 'react';
import type { NodeSummary } from '../../domain/organisation';
import type { GrassrootsUnion, NodeDetail, UnionMove } from '../../domain/staff';
import { formatDateTime, formatIsoDate } from '../i18n';
import { fetchNode, fetchUnionHistory, moveUnion } from './api';
import { DevicesPanel } from './devices/DevicesPanel';
import { failureText, isSessionEnded, moveFailureText } from './errors';
import { may } from './permissions';
import type { StaffContext } from './StaffApp';
import { moveTargets } from './tree';
import { UnionEditForm } from './UnionEditForm';

/** Today as `YYYY-MM-DD` in the browser's time zone: the default effective date. */
function today(): string {
  return localIsoDate(new Date());
}

/** Every upper-level node of the staff member's subtree in tree order (each under its parent), for the move's choice. */
async function subtreeNodes(rootId: string): Promise<{ node: NodeSummary; depth: number }[]> {
  const details = new Map<string, NodeDetail>();
  let level = [rootId];
  while (level.length > 0) {
    const loaded = await Promise.all(level.map((id) => fetchNode(id)));
    level = [];
    for (const detail of loaded) {
      details.set(detail.node.id, detail);
      level.push(...detail.children.map((child) => child.id));
    }
  }
  const ordered: { node: NodeSummary; depth: number }[] = [];
  const visit = (id: string, depth: number) => {
    const detail = details.get(id);
    if (!detail) return;
    ordered.push({ node: detail.node, depth });
    for (const child of detail.children) visit(child.id, depth + 1);
  };
  visit(rootId, 0);
  return ordered;
}

export function UnionScreen({ context, nodeId, unionId }: { context: StaffContext; nodeId: string; unionId: string }) {
  const { m, onSessionEnded, place } = context;
  const [union, setUnion] = useState<GrassrootsUnion | null>(null);
  const [moves, setMoves] = useState<UnionMove[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [targets, setTargets] = useState<{ node: NodeSummary; depth: number }[] | null>(null);
  const [target, setTarget] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(today);
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  const canMove = may(place, 'moveUnion');

  useEffect(() => {
    let live = true;
    Promise.all([fetchNode(nodeId), fetchUnionHistory(unionId)]).then(
      ([detail, history]) => {
        if (!live) return;
        const found = detail.unions.find((candidate) => candidate.id === unionId);
        if (!found) return setFailure(new Error('not under this node'));
        setUnion(found);
        setMoves(history);
      },
      (error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else setFailure(error);
      },
    );
    if (canMove)
      subtreeNodes(place.nodeId).then(
        (nodes) => live && setTargets(nodes),
        () => live && setTargets([]),
      );
    return () => {
      live = false;
    };
  }, [nodeId, unionId, canMove, place.nodeId, onSessionEnded]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!union) return;
    if (!target) return setMessage({ text: m.move.targetRequired, kind: 'error' });
    if (!effectiveDate) return setMessage({ text: m.move.dateRequired, kind: 'error' });
    setBusy(true);
    setMessage(null);
    try {
      const moved = await moveUnion(union.id, target, effectiveDate);
      setUnion(moved.union);
      setMoves(await fetchUnionHistory(union.id).catch(() => [...(moves ?? []), moved.move]));
      setMessage({ text: m.move.done(moved.move.to.name, formatIsoDate(moved.move.effectiveDate)), kind: 'ok' });
      setTarget('');
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      setMessage({ text: moveFailureText(error, m), kind: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <a className="link-back" href={`#/staff/node/${encodeURIComponent(nodeId)}`}>
      ← {m.report.back}
    </a>
  );
  if (failure)
    return (
      <section>
        {back}
        <p className="notice notice-error" role="alert">
          {failureText(failure, m)}
        </p>
      </section>
    );
  if (!union || !moves) return <p className="shell-loading">{m.overview.loading}</p>;

  const choices = targets ? moveTargets(targets, union.superiorId) : null;
  return (
    <article className="staff-union" data-testid="staff-union" data-union-id={union.id} data-superior-id={union.superiorId}>
      {back}
      <h2 className="screen-title">{union.name}</h2>
      {union.code ? <p className="muted">{m.tree.code(union.code)}</p> : null}

      {may(place, 'editUnion') ? <UnionEditForm context={context} union={union} onSaved={setUnion} /> : null}

      {canMove ? (
        <section className="card">
          <h3 className="card-title">{m.move.title(union.name)}</h3>
          <form onSubmit={(event) => void submit(event)} noValidate className="staff-union-form">
            <div className="field">
              <label className="field-label" htmlFor="move-target">{m.move.target}</label>
              {choices ? (
                <select id="move-target" className="input" value={target} onChange={(e) => setTarget(e.target.value)}>
                  <option value="">{m.move.targetNone}</option>
                  {choices.map(({ node, depth }) => (
                    <option key={node.id} value={node.id}>
                      {'\u2003'.repeat(depth)}
                      {node.name}
                    </option>
                  ))}
                </select>
              ) : (
                <p className="shell-loading">{m.move.loadingTargets}</p>
              )}
            </div>
            <div className="field">
              <label className="field-label" htmlFor="move-date">{m.move.effectiveDate}</label>
              <input id="move-date" type="date" className="input" max={today()} value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} />
            </div>
            {message ? (
              <p
                className={`field-message ${message.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`}
                role={message.kind === 'ok' ? 'status' : 'alert'}
                data-testid="move-message"
                data-kind={message.kind}
              >
                {message.text}
              </p>
            ) : null}
            <button type="submit" className="button button-primary" disabled={busy || !choices} data-testid="move-submit">
              {m.move.submit}
            </button>
          </form>
        </section>
      ) : null}

      <DevicesPanel context={context} unionId={union.id} />

      <section className="card">
        <h3 className="card-title">{m.move.historyTitle}</h3>
        {moves.length === 0 ? (
          <p className="empty">{m.move.historyNone}</p>
        ) : (
          <div className="staff-table-wrap">
            <table className="staff-table" data-testid="move-history">
              <thead>
                <tr>
                  <th scope="col">{m.move.effectiveDate}</th>
                  <th scope="col">{m.move.from}</th>
                  <th scope="col">{m.move.to}</th>
                  <th scope="col">{m.move.movedBy}</th>
                  <th scope="col">{m.move.movedAt}</th>
                </tr>
              </thead>
              <tbody>
                {moves.map((move) => (
                  <tr key={move.id} data-testid="move-row">
                    <td data-testid="move-date">{formatIsoDate(move.effectiveDate)}</td>
                    <td data-testid="move-from">{move.from ? move.from.name : m.move.firstPlacement}</td>
                    <td data-testid="move-to">{move.to.name}</td>
                    <td data-testid="move-by">{move.movedBy ? move.movedBy.username : m.move.byCommandLine}</td>
                    <td>{formatDateTime(move.movedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
