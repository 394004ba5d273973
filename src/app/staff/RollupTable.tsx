/**
 * The roll-up by upper-level union: one line per child node (CĐCS, reported, share reported, workers,
 * members, the rate against 80 %, …) with a link down into it, the CĐCS straight under the node, and
 * the total. Two filters narrow the children to those still to chase.
 */
import { useMemo, useState } from 'react';
import type { NodeOverview } from '../../domain/staff';
import { formatCount, formatRate } from '../i18n';
import type { StaffMessages } from './messages';
import { displayName, filterRollup, rollupLines, type RollupFilters, type RollupLine } from './rollup';

function lineLabel(line: RollupLine, m: StaffMessages) {
  if (line.kind === 'child' && line.node)
    return (
      <a href={`#/staff/node/${encodeURIComponent(line.node.id)}`} data-testid="rollup-open" title={line.node.name}>
        {displayName(line.node)}
      </a>
    );
  return line.kind === 'direct' ? m.tree.direct : m.overview.total;
}

export function RollupTable({ m, overview, periodLabel }: { m: StaffMessages; overview: NodeOverview; periodLabel: string }) {
  const [filters, setFilters] = useState<RollupFilters>({ notComplete: false, belowTarget: false });
  const lines = useMemo(() => filterRollup(rollupLines(overview), filters), [overview, filters]);
  const r = m.rollup;
  return (
    <section className="staff-rollup" aria-labelledby="staff-rollup-title">
      <h3 className="staff-section-title" id="staff-rollup-title">
        {m.tree.rollupTitle}
      </h3>
      <fieldset className="staff-filters">
        <legend className="visually-hidden">{m.overview.filters}</legend>
        <label>
          <input
            type="checkbox"
            data-testid="rollup-filter-not-complete"
            checked={filters.notComplete}
            onChange={(event) => setFilters({ ...filters, notComplete: event.target.checked })}
          />{' '}
          {m.tree.notComplete}
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="rollup-filter-below-target"
            checked={filters.belowTarget}
            onChange={(event) => setFilters({ ...filters, belowTarget: event.target.checked })}
          />{' '}
          {m.overview.belowTarget}
        </label>
      </fieldset>
      <div className="staff-table-wrap">
        <table className="staff-table" data-testid="rollup-table">
          <caption className="visually-hidden">{m.tree.rollupCaption(periodLabel)}</caption>
          <thead>
            <tr>
              <th scope="col">{r.node}</th>
              <th scope="col" className="num">{r.unions}</th>
              <th scope="col" className="num">{r.reported}</th>
              <th scope="col" className="num">{r.reportedShare}</th>
              <th scope="col" className="num">{r.workers}</th>
              <th scope="col" className="num">{r.members}</th>
              <th scope="col" className="num">{r.rate}</th>
              <th scope="col">{r.target}</th>
              <th scope="col" className="num">{r.meetingTarget}</th>
              <th scope="col" className="num">{r.accepted}</th>
              <th scope="col" className="num">{r.returned}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
                <tr
                  key={line.node?.id ?? line.kind}
                  className={line.kind === 'total' ? 'staff-total-row' : undefined}
                  data-testid={line.kind === 'child' ? 'rollup-row' : `rollup-${line.kind}`}
                  data-node-id={line.node?.id}
                >
                  <th scope="row">{lineLabel(line, m)}</th>
                  <td className="num" data-testid="rollup-unions">{formatCount(line.unions)}</td>
                  <td className="num" data-testid="rollup-reported">{formatCount(line.reported)}</td>
                  <td className="num" data-testid="rollup-share">{formatRate(line.reportedShare)}</td>
                  <td className="num">{formatCount(line.workers)}</td>
                  <td className="num">{formatCount(line.members)}</td>
                  <td className="num" data-testid="rollup-rate">{formatRate(line.unionizationRate)}</td>
                  <td data-testid="rollup-target">
                    {line.meetsTarget == null ? '' : (
                      <span className={`badge ${line.meetsTarget ? 'badge-ok' : 'badge-bad'}`}>{line.meetsTarget ? m.met : m.notMet}</span>
                    )}
                  </td>
                  <td className="num">{formatCount(line.meetingTarget)}</td>
                  <td className="num">{formatCount(line.accepted)}</td>
                  <td className="num">{formatCount(line.returned)}</td>
                </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
