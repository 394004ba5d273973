/**
 * One CĐCS as seen from the node it hangs under: its history of superiors (from, to, effective date,
 * when and by whom), its devices and enrolment codes, and for an admin its record (UnionEditForm) and
 * the move to another upper-level union of their subtree with an effective date. Its devices keep
 * working; its reports stay with the superior they were filed under. `#/staff/node/<id>/union/<id>/codes`
 * (the node page's "Cấp mã đăng ký") opens it at its enrolment codes.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { NodeSummary } from '../../domain/organisation';
import type { GrassrootsUnion, NodeDetail, UnionMove } from '../../domain/staff';
import { vietnamDate } from '../../domain/calendar';
import { formatDateTime, formatIsoDate } from '../i18n';
import { DateInput } from '../ui/DateInput';
import { FieldRow } from '../ui/FieldRow';
import { fetchNode, fetchUnionHistory, moveUnion } from './api';
import { DevicesPanel } from './devices/DevicesPanel';
import { EnrolmentCodesCard } from './enrolment/EnrolmentCodesCard';
import { isSessionEnded, moveFailureText } from './errors';
import { FailedScreen } from './FailureNotice';
import { may } from './permissions';
import type { StaffContext } from './staffContext';
import { StaffTable } from './StaffTable';
import { moveTargets } from './tree';
import { UnionEditForm } from './UnionEditForm';

/** Today in Vietnam, as the server judges "not in the future": the default effective date. */
function today(): string {
  return vietnamDate(new Date());
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

export function UnionScreen({
  context,
  nodeId,
  unionId,
  focusCodes = false,
}: {
  context: StaffContext;
  nodeId: string;
  unionId: string;
  /** Opened to issue a code: the codes card is brought into view. */
  focusCodes?: boolean;
}) {
  const { m, onSessionEnded, place } = context;
  const [union, setUnion] = useState<GrassrootsUnion | null>(null);
  const [superiorName, setSuperiorName] = useState('');
  const [moves, setMoves] = useState<UnionMove[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [targets, setTargets] = useState<{ node: NodeSummary; depth: number }[] | null>(null);
  const [target, setTarget] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(today);
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  // A move is asked once more, naming both superiors and the date, before it is made: it changes who
  // the CĐCS reports to from that date on, and is not undone by a second move dated the same day.
  const [confirming, setConfirming] = useState<{ to: string; date: string } | null>(null);
  const canMove = may(place, 'moveUnion');

  useEffect(() => {
    let live = true;
    Promise.all([fetchNode(nodeId), fetchUnionHistory(unionId)]).then(
      ([detail, history]) => {
        if (!live) return;
        const found = detail.unions.find((candidate) => candidate.id === unionId);
        if (!found) return setFailure(new Error('not under this node'));
        setUnion(found);
        setSuperiorName(detail.node.name);
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

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!union) return;
    if (!target) return setMessage({ text: m.move.targetRequired, kind: 'error' });
    if (!effectiveDate) return setMessage({ text: m.move.dateRequired, kind: 'error' });
    const to = targets?.find((each) => each.node.id === target)?.node.name ?? '';
    setMessage(null);
    setConfirming({ to, date: formatIsoDate(effectiveDate) });
  }

  async function move() {
    if (!union) return;
    setConfirming(null);
    setBusy(true);
    setMessage(null);
    try {
      const moved = await moveUnion(union.id, target, effectiveDate);
      setUnion(moved.union);
      setSuperiorName(moved.move.to.name);
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
  if (failure) return <FailedScreen back={back} failure={failure} m={m} />;
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
          <form onSubmit={submit} noValidate className="staff-union-form">
            <FieldRow id="move-target" label={m.move.target}>
              {choices ? (
                <select
                  id="move-target"
                  className="input"
                  value={target}
                  onChange={(e) => {
                    setTarget(e.target.value);
                    setConfirming(null);
                  }}
                >
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
            </FieldRow>
            <FieldRow id="move-date" label={m.move.effectiveDate}>
              <DateInput
                id="move-date"
                testId="move-date-input"
                unreadableIsEmpty
                value={effectiveDate}
                onChange={(value) => {
                  setEffectiveDate(value);
                  setConfirming(null);
                }}
              />
            </FieldRow>
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
            {confirming ? (
              <div className="confirm" role="group" aria-label={m.move.confirmTitle} data-testid="move-confirm">
                <p className="confirm-question" data-testid="move-confirm-question">
                  {m.move.confirmQuestion(union.name, superiorName, confirming.to, confirming.date)}
                </p>
                <div className="button-row">
                  <button type="button" className="button button-primary" data-testid="move-confirm-yes" disabled={busy} onClick={() => void move()}>
                    {m.move.confirmYes}
                  </button>
                  <button type="button" className="button" data-testid="move-confirm-cancel" onClick={() => setConfirming(null)}>
                    {m.move.confirmCancel}
                  </button>
                </div>
              </div>
            ) : (
              <button type="submit" className="button button-primary" disabled={busy || !choices} data-testid="move-submit">
                {m.move.submit}
              </button>
            )}
          </form>
        </section>
      ) : null}

      <EnrolmentCodesCard context={context} union={union} {...(superiorName ? { superiorName } : {})} focus={focusCodes} />

      <DevicesPanel context={context} unionId={union.id} />

      <section className="card">
        <h3 className="card-title">{m.move.historyTitle}</h3>
        {moves.length === 0 ? (
          <p className="empty">{m.move.historyNone}</p>
        ) : (
          <StaffTable columns={[m.move.effectiveDate, m.move.from, m.move.to, m.move.movedBy, m.move.movedAt]} testId="move-history">
            {moves.map((move) => (
              <tr key={move.id} data-testid="move-row">
                <td data-testid="move-date">{formatIsoDate(move.effectiveDate)}</td>
                <td data-testid="move-from">{move.from ? move.from.name : m.move.firstPlacement}</td>
                <td data-testid="move-to">{move.to.name}</td>
                <td data-testid="move-by">{move.movedBy ? move.movedBy.username : m.move.byCommandLine}</td>
                <td>{formatDateTime(move.movedAt)}</td>
              </tr>
            ))}
          </StaffTable>
        )}
      </section>
    </article>
  );
}
