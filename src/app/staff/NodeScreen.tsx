/**
 * One node of the tree as its staff see it: the breadcrumb of its ancestors, its name and kind, the
 * period, the roll-up by upper-level union (one line per child, with drill-down) when it has children,
 * the period table of the CĐCS directly under it, those CĐCS with their enrolment codes, and for an
 * admin the management of the node, its children and its staff.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { NodeDetail, NodeOverview } from '../../domain/staff';
import { useI18n } from '../i18n';
import { fetchDefaultOverview, fetchNode, fetchNodeOverview, fetchPeriodTable } from './api';
import { isSessionEnded } from './errors';
import { FailedScreen } from './FailureNotice';
import { FormsLink } from './forms/FormsScreen';
import { ManagePanel } from './ManagePanel';
import { BackupStatus } from './backups/BackupStatus';
import { OverviewScreen, PeriodToolbar } from './OverviewScreen';
import type { OverviewFilters } from './overview';
import { allowedActions, may } from './permissions';
import { RollupTable } from './RollupTable';
import type { PeriodChoice, StaffContext } from './staffContext';
import { breadcrumb } from './tree';
import { UnionsScreen } from './UnionsScreen';
import { RoundsPanel } from './rounds/RoundsPanel';

/** The table's default view, for the one-line page that names the period the server chose. */
const FIRST_PAGE_QUERY = { sort: 'name', direction: 'asc', filter: 'all', belowTarget: false, notReported: false, search: '' } as const;

/** Its own chunk with uPlot: the charts load after the tables, only on this screen. */
const ChartsPanel = lazy(() => import('./charts/ChartsPanel'));

export function NodeScreen({
  context,
  nodeId,
  period,
  onPeriodChange,
  filters,
  onFiltersChange,
}: {
  context: StaffContext;
  nodeId: string;
  /** The period the staff member picked; null: the one the server chooses for this node. */
  period: PeriodChoice | null;
  onPeriodChange: (period: PeriodChoice) => void;
  filters: OverviewFilters;
  onFiltersChange: (filters: OverviewFilters) => void;
}) {
  const { m, onSessionEnded, place } = context;
  const { t } = useI18n();
  const [detail, setDetail] = useState<NodeDetail | null>(null);
  const [overview, setOverview] = useState<NodeOverview | null>(null);
  const [serverPeriod, setServerPeriod] = useState<PeriodChoice | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  // Bumped after a change (a node, a CĐCS, a move): the node and its overview are read again.
  const [version, setVersion] = useState(0);
  // The period the server chose, kept for those rereads: the screen does not move to another period by itself.
  const chosenByServer = useRef<PeriodChoice | null>(null);
  const load = useCallback(async () => setVersion((n) => n + 1), []);
  // Bumped by the rounds panel after a round is opened, moved, closed or reopened: the table's deadlines follow.
  const [roundsVersion, setRoundsVersion] = useState(0);
  // The form the period table and the charts follow when the period asks for several (null: the nearest round's).
  const [tableForm, setTableForm] = useState<string | null>(null);
  const roundsChanged = useCallback(() => setRoundsVersion((n) => n + 1), []);
  const roundFailure = useCallback((error: unknown) => (isSessionEnded(error) ? onSessionEnded() : setFailure(error)), [onSessionEnded]);

  useEffect(() => {
    // The screen is keyed by node and period (StaffApp), so each starts from a fresh state.
    let live = true;
    const asked = period ?? chosenByServer.current;
    const failed = (error: unknown) => {
      if (!live) return;
      if (isSessionEnded(error)) onSessionEnded();
      else setFailure(error);
    };
    fetchNode(nodeId).then((loaded) => {
      if (live) setDetail(loaded);
    }, failed);
    // Without a period picked, a one-line page of the table names the server's choice at once, so the
    // table's first page need not wait for the overview (every CĐCS of the node, for the aggregates).
    if (!asked)
      fetchPeriodTable(nodeId, null, FIRST_PAGE_QUERY, { limit: 1, cursor: null }).then((page) => {
        if (!live || chosenByServer.current) return;
        chosenByServer.current = page.period;
        setServerPeriod(page.period);
      }, failed);
    (asked ? fetchNodeOverview(nodeId, asked.year, asked.kind) : fetchDefaultOverview(nodeId)).then((loaded) => {
      if (!live) return;
      chosenByServer.current = loaded.period;
      setOverview(loaded);
      setFailure(null);
    }, failed);
    return () => {
      live = false;
    };
  }, [nodeId, period, onSessionEnded, version]);

  if (failure)
    return (
      <FailedScreen
        back={
          <a className="link-back" href="#/staff">
            ← {m.nav.overview}
          </a>
        }
        failure={failure}
        m={m}
        testId="node-failure"
      />
    );
  // Without a period picked, the overview or the table's first page names the one shown, whichever comes first.
  const shown = period ?? overview?.period ?? serverPeriod;
  if (!detail || !shown) return <p className="shell-loading">{m.overview.loading}</p>;

  const { node } = detail;
  const crumbs = breadcrumb(detail.ancestors, node, place.nodeId);
  const actions = allowedActions(place, node.id);

  return (
    <section className="staff-node" data-testid="staff-node" data-node-id={node.id} data-actions={actions.join(' ')}>
      <nav aria-label={m.tree.breadcrumb} className="staff-breadcrumb" data-testid="staff-breadcrumb">
        <ol>
          {crumbs.map((crumb) => (
            <li key={crumb.node.id}>
              {crumb.reachable ? (
                <a href={`#/staff/node/${encodeURIComponent(crumb.node.id)}`} data-testid="crumb-link">
                  {crumb.node.shortName || crumb.node.name}
                </a>
              ) : (
                <span aria-current={crumb.node.id === node.id ? 'page' : undefined}>{crumb.node.shortName || crumb.node.name}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h2 className="screen-title" data-testid="node-name">
        {node.name}
      </h2>
      <p className="staff-node-meta">
        <span className="staff-kind" data-testid="node-kind" data-kind={node.kind}>
          {m.nodeKinds[node.kind]}
        </span>
        {node.code ? <span className="muted">{m.tree.code(node.code)}</span> : null}
      </p>

      <FormsLink nodeId={node.id} />

      {/* The server's backups concern the province's admins: the top of the tree, on their own node. */}
      {place.role === 'admin' && node.id === place.nodeId && detail.ancestors.length === 0 ? <BackupStatus /> : null}

      <PeriodToolbar m={m} period={shown} onPeriodChange={onPeriodChange} />

      <RoundsPanel nodeId={node.id} period={shown} unions={detail.unions} canManage={may(place, 'review')} onFailure={roundFailure} onChanged={roundsChanged} />

      {overview && overview.rollup.length > 0 ? (
        <RollupTable m={m} overview={overview} periodLabel={t.periodLabel(shown.year, shown.kind)} />
      ) : detail.children.length > 0 ? (
        <p className="shell-loading">{m.overview.loading}</p>
      ) : null}

      <OverviewScreen
        context={context}
        nodeId={node.id}
        overview={overview}
        ancestors={detail.ancestors}
        period={shown}
        onPeriodChange={onPeriodChange}
        filters={filters}
        onFiltersChange={onFiltersChange}
        roundsVersion={roundsVersion}
        dataVersion={version}
        tableForm={tableForm}
        onTableFormChange={setTableForm}
      />

      {overview ? (
        <Suspense fallback={null}>
          <ChartsPanel nodeId={node.id} overview={overview} form={tableForm} roundsVersion={roundsVersion} />
        </Suspense>
      ) : null}

      <UnionsScreen context={context} node={detail} overview={overview} onChanged={load} />

      {actions.includes('createNode') ? <ManagePanel context={context} detail={detail} onChanged={load} /> : null}
    </section>
  );
}
