/**
 * The audit log's entries in words, for the screen's table and the workbook alike: who, from which
 * node and address, what, about what, and each field's before → after with the dashboard's labels
 * (roles, node kinds, sectors, periods, Vietnam's dates). Pure, unit-tested in test/app/staff/.
 */
import type { AuditEntry, AuditPage } from '../../../domain/audit';
import type { NodeKind, StaffRole } from '../../../domain/organisation';
import type { PeriodKind } from '../../../domain/period';
import { formatCount, formatDateTime, formatIsoDate } from '../../i18n';
import { header, widths } from '../export/workbook';
import type { AuditMessages } from './messages';
import type { Cell, Row, Sheet } from 'write-excel-file/universal';

/** The labels an entry is written with: the screen's own and the dashboard's words for values. */
export interface AuditLabels {
  m: AuditMessages;
  roles: Record<StaffRole, string>;
  nodeKinds: Record<NodeKind, string>;
  sectors: Record<string, string>;
  periodLabel: (year: number, kind: PeriodKind) => string;
}

/** One entry as the table and the workbook show it. */
export interface AuditRow {
  id: string;
  at: string;
  who: string;
  from: string;
  action: string;
  target: string;
  /** One line per field: `Tên: A → B`, or `Tên: A` for a field that names the thing without changing. */
  changes: string[];
}

type Names = AuditPage['names'];

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field's value in words: a role, a kind, a period, a moment on Vietnam's clock… */
export function valueText(field: string, value: unknown, labels: AuditLabels): string {
  const { m } = labels;
  if (value === null || value === undefined || value === '') return m.empty;
  if (typeof value === 'number') return formatCount(value);
  if (typeof value === 'string') {
    if (field === 'role') return labels.roles[value as StaffRole] ?? value;
    if (field === 'kind') return labels.nodeKinds[value as NodeKind] ?? value;
    if (field === 'sector') return labels.sectors[value] ?? value;
    if (field === 'status') return m.statuses[value] ?? value;
    if (ISO_INSTANT.test(value)) return formatDateTime(value);
    if (ISO_DATE.test(value)) return formatIsoDate(value);
    return value;
  }
  if (isRecord(value) && typeof value.year === 'number' && typeof value.kind === 'string') return labels.periodLabel(value.year, value.kind as PeriodKind);
  if (isRecord(value) && typeof value.from === 'string' && typeof value.to === 'string')
    return `${valueText('', value.from, labels)} – ${valueText('', value.to, labels)}`;
  return JSON.stringify(value);
}

/** The fields the entry names, in the order of the labels, each as one line. */
export function changeLines(entry: Pick<AuditEntry, 'before' | 'after'>, labels: AuditLabels): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const lines: string[] = [];
  for (const [field, label] of Object.entries(labels.m.fields)) {
    const inBefore = field in before;
    const inAfter = field in after;
    if (!inBefore && !inAfter) continue;
    const was = valueText(field, before[field], labels);
    const is = valueText(field, after[field], labels);
    // A record made or removed shows what it was or is; a change shows both sides.
    if (!inBefore || !entry.after || was === is) lines.push(`${label}: ${inBefore ? was : is}`);
    else lines.push(`${label}: ${was} → ${is}`);
  }
  return lines;
}

function targetText(entry: AuditEntry, names: Names, m: AuditMessages): string {
  if (!entry.target) return m.empty;
  const kind = m.targetKinds[entry.target.kind] ?? entry.target.kind;
  const fields = { ...(entry.before ?? {}), ...(entry.after ?? {}) };
  const named =
    entry.target.kind === 'node'
      ? (names.nodes[entry.target.id] ?? fields.name)
      : entry.target.kind === 'union'
        ? (names.unions[entry.target.id] ?? fields.name)
        : entry.target.kind === 'staff'
          ? (fields.username ?? (entry.action === 'staff.login_failed' ? entry.actor.username : undefined))
          : entry.target.kind === 'round'
            ? fields.title
            : entry.target.kind === 'device'
              ? fields.name
              : undefined;
  const union = entry.unionId && entry.target.kind !== 'union' ? names.unions[entry.unionId] : undefined;
  return [kind, typeof named === 'string' ? named : null, union ? `(${union})` : null].filter(Boolean).join(' ');
}

/** An entry in words. */
export function auditRow(entry: AuditEntry, names: Names, labels: AuditLabels): AuditRow {
  const { m } = labels;
  const byConsole = entry.actor.staffId === null && entry.action !== 'staff.login_failed';
  const node = entry.actor.nodeId ? (names.nodes[entry.actor.nodeId] ?? m.unknownNode) : byConsole ? null : m.aboveEveryNode;
  return {
    id: entry.id,
    at: formatDateTime(entry.at),
    who: byConsole ? m.console : entry.actor.username,
    from: [node, entry.address ?? m.noAddress].filter(Boolean).join(' · '),
    action: m.actions[entry.action] ?? entry.action,
    target: targetText(entry, names, m),
    changes: changeLines(entry, labels),
  };
}

/** The filtered log as one sheet: a row per entry, the changes one per line in their cell. */
export function auditSheet(rows: readonly AuditRow[], m: AuditMessages): Sheet<never> {
  const c = m.columns;
  const text = (value: string): Cell => ({ value, type: String, wrap: true });
  return {
    sheet: m.sheet,
    data: [header([c.at, c.who, c.from, c.action, c.target, c.change]), ...rows.map((row): Row => [row.at, row.who, row.from, row.action, row.target, row.changes.join('\n')].map(text))],
    columns: widths(17, 22, 36, 26, 40, 60),
    stickyRowsCount: 1,
  };
}
