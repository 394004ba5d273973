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
import { FilterCheckbox, StaffTable } from './StaffTable';

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
        <FilterCheckbox
          label={m.tree.notComplete}
          checked={filters.notComplete}
          onChange={(checked) => setFilters({ ...filters, notComplete: checked })}
          testId="rollup-filter-not-complete"
        />
        <FilterCheckbox
          label={m.overview.belowTarget}
          checked={filters.belowTarget}
          onChange={(checked) => setFilters({ ...filters, belowTarget: checked })}
          testId="rollup-filter-below-target"
        />
      </fieldset>
      <StaffTable
        columns={[
          r.node,
          { label: r.unions, numeric: true },
          { label: r.reported, numeric: true },
          { label: r.reportedShare, numeric: true },
          { label: r.workers, numeric: true },
          { label: r.members, numeric: true },
          { label: r.rate, numeric: true },
          r.target,
          { label: r.meetingTarget, numeric: true },
          { label: r.accepted, numeric: true },
          { label: r.returned, numeric: true },
        ]}
        caption={<caption className="visually-hidden">{m.tree.rollupCaption(periodLabel)}</caption>}
        testId="rollup-table"
      >
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
      </StaffTable>
    </section>
  );
}
