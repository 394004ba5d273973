/**
 * One node of the tree as its staff see it: the breadcrumb of its ancestors, its name and kind, the
 * period, the roll-up by upper-level union (one line per child, with drill-down) when it has children,
 * the period table of the CĐCS directly under it, those CĐCS with their enrolment codes, and for an
 * admin the management of the node, its children and its staff.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { NodeDetail, NodeOverview } from '../../domain/staff';
import { useI18n } from '../i18n';
import { fetchNode, fetchNodeOverview } from './api';
import { failureText, isSessionEnded } from './errors';
import { ManagePanel } from './ManagePanel';
import { OverviewScreen, PeriodToolbar } from './OverviewScreen';
import type { OverviewFilters } from './overview';
import { allowedActions, may } from './permissions';
import { RollupTable } from './RollupTable';
import type { PeriodChoice, StaffContext } from './StaffApp';
import { breadcrumb } from './tree';
import { UnionsScreen } from './UnionsScreen';
import { RoundsPanel } from './rounds/RoundsPanel';

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
  period: PeriodChoice;
  onPeriodChange: (period: PeriodChoice) => void;
  filters: OverviewFilters;
  onFiltersChange: (filters: OverviewFilters) => void;
}) {
  const { m, onSessionEnded, place } = context;
  const { t } = useI18n();
  const [detail, setDetail] = useState<NodeDetail | null>(null);
  const [overview, setOverview] = useState<NodeOverview | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  // Bumped after a change (a node, a CĐCS, a move): the node and its overview are read again.
  const [version, setVersion] = useState(0);
  const load = useCallback(async () => setVersion((n) => n + 1), []);
  const roundFailure = useCallback((error: unknown) => (isSessionEnded(error) ? onSessionEnded() : setFailure(error)), [onSessionEnded]);

  useEffect(() => {
    // The screen is keyed by node and period (StaffApp), so each starts from a fresh state.
    let live = true;
    Promise.all([fetchNode(nodeId), fetchNodeOverview(nodeId, period.year, period.kind)]).then(
      ([loadedDetail, loadedOverview]) => {
        if (!live) return;
        setDetail(loadedDetail);
        setOverview(loadedOverview);
        setFailure(null);
      },
      (error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else setFailure(error);
      },
    );
    return () => {
      live = false;
    };
  }, [nodeId, period.year, period.kind, onSessionEnded, version]);

  if (failure)
    return (
      <section>
        <a className="link-back" href="#/staff">
          ← {m.nav.overview}
        </a>
        <p className="notice notice-error" role="alert" data-testid="node-failure">
          {failureText(failure, m)}
        </p>
      </section>
    );
  if (!detail) return <p className="shell-loading">{m.overview.loading}</p>;

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

      <PeriodToolbar m={m} period={period} onPeriodChange={onPeriodChange} />

      <RoundsPanel nodeId={node.id} period={period} unions={detail.unions} canManage={may(place, 'review')} onFailure={roundFailure} />

      {overview && overview.rollup.length > 0 ? (
        <RollupTable m={m} overview={overview} periodLabel={t.periodLabel(period.year, period.kind)} />
      ) : detail.children.length > 0 ? (
        <p className="shell-loading">{m.overview.loading}</p>
      ) : null}

      <OverviewScreen context={context} overview={overview} period={period} filters={filters} onFiltersChange={onFiltersChange} />

      {overview ? (
        <Suspense fallback={null}>
          <ChartsPanel nodeId={node.id} overview={overview} />
        </Suspense>
      ) : null}

      <UnionsScreen context={context} node={detail} overview={overview} onChanged={load} />

      {actions.includes('createNode') ? <ManagePanel context={context} detail={detail} onChanged={load} /> : null}
    </section>
  );
}
