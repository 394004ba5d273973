/**
 * A node's period table: its lines (one per CĐCS of the period in its subtree) and the sums per node,
 * read from the figures each report's row holds (./figures.ts), never from the documents.
 */
import { sql } from 'kysely';
import { PLAN94_FORM_REF } from '../../domain/forms/reportForm';
import type { OverviewScope } from '../../domain/staff';
import { DIALOGUE_KINDS, type DialogueKindCounts } from '../../domain/report';
import { DIALOGUE_KIND_COLUMNS } from './figures';
import { type NodeRecord, toUnion, type UnionRecord } from './organisation';
import type { Queries } from './schema';

/** One line of a period table before the service shapes it. */
export interface OverviewLineRecord {
  union: UnionRecord;
  ownerId: string;
  /** The name of the node `ownerId` names. */
  ownerName: string;
  movedAway: boolean;
  activeDevices: number;
  /** `document` is the report's JSON, read for `scope=subtree` only (the exports' every figure). */
  report: (ReportRecordCore & { reviewJson: string | null; document?: string }) | null;
}

/** What an overview line needs of a report (no document). */
export interface ReportRecordCore {
  id: string;
  revision: number;
  savedAt: string;
  status: 'draft' | 'ready';
  workers: number | null;
  members: number | null;
  meetsTarget: boolean | null;
  dialogueSessions: number;
  dialogueSessionsByKind: DialogueKindCounts;
}

/** Sums over the overview lines that belong to one node (`ownerId`). */
export interface OverviewTotalsRecord {
  ownerId: string;
  unions: number;
  reported: number;
  accepted: number;
  returned: number;
  workers: number;
  members: number;
  meetingTarget: number;
  dialogueSessions: number;
  dialogueSessionsByKind: DialogueKindCounts;
}

const KIND_COLUMNS = Object.values(DIALOGUE_KIND_COLUMNS);

/** Counts by dialogue kind out of a row holding the DIALOGUE_KIND_COLUMNS (numbers or, from PostgreSQL's sums, numeric strings). */
function kindCounts(row: Record<string, unknown>): DialogueKindCounts {
  return Object.fromEntries(DIALOGUE_KINDS.map((kind) => [kind, Number(row[DIALOGUE_KIND_COLUMNS[kind]] ?? 0)])) as DialogueKindCounts;
}

/**
 * The lines of a period in a node's subtree as (union_id, report_id, owner_id): a union whose report
 * was filed under the subtree, or a union whose report (if any) was never sent and that belonged to
 * the subtree for the period. Which superior that is follows domain/periodSuperior.ts
 * `superiorForPeriod` (the period due on `dueOn` stays with the superior left in the first move that
 * took effect after that day, else the current one), so a CĐCS that moved is not listed as missing by
 * its new superior for a period it owed the old one. Indexed halves (unions by superior, moves by
 * union, reports by filing superior), so a commune's table reads its own rows, not the province's.
 */
function ownedLines(node: NodeRecord, year: number, kind: string, formId: string, dueOn: string, scope: OverviewScope = 'subtree') {
  const subtree = scope === 'direct' ? sql`(${node.id})` : sql`(select id from nodes where path like ${`${node.path}%`})`;
  const columns = ['status', 'review_status', 'workers', 'members', 'meets_target', 'dialogue_sessions', ...KIND_COLUMNS];
  const figures = sql.raw(columns.map((column) => `r.${column}`).join(', '));
  const figuresOfUnsent = sql.raw(columns.map((column) => `p.${column}`).join(', '));
  // The superior the union had when the period fell due (superiorForPeriod): the one left in the
  // first later move, a first placement (from nobody) not counting.
  const periodSuperior = sql`coalesce((
      select m.from_node_id from union_moves m
      where m.union_id = u.id and m.from_node_id is not null and m.effective_date > ${dueOn}
      order by m.effective_date, m.moved_at, m.id limit 1), u.superior_id)`;
  return sql`
    select p.union_id, p.report_id, p.owner_id, ${figuresOfUnsent}
    from (
      select u.id as union_id, r.id as report_id, ${periodSuperior} as owner_id, ${figures}
      from unions u
      left join reports r on r.union_id = u.id and r.year = ${year} and r.kind = ${kind} and r.form_id = ${formId}
      where (u.superior_id in ${subtree}
          or u.id in (select m.union_id from union_moves m where m.from_node_id in ${subtree} and m.effective_date > ${dueOn}))
        and (r.id is null or r.superior_id is null)
    ) p
    where p.owner_id in ${subtree}
    union all
    select r.union_id, r.id, r.superior_id, ${figures}
    from reports r
    where r.year = ${year} and r.kind = ${kind} and r.form_id = ${formId} and r.superior_id in ${subtree}`;
}

/**
 * `dueOn`: the day the period fell due for this node (domain/periodSuperior.ts `periodDueDate`).
 * `formId`: the form whose reports make the lines (a CĐCS may send a Plan 94 and a Mẫu 1 report of one
 * period: each table is one form's, so nobody is counted twice).
 */
export async function overviewLines(q: Queries, node: NodeRecord, year: number, kind: string, dueOn: string, scope: OverviewScope, formId: string = PLAN94_FORM_REF.id): Promise<OverviewLineRecord[]> {
  const owned = ownedLines(node, year, kind, formId, dueOn, scope);
  const result = await sql<{
    id: string;
    code: string | null;
    name: string;
    employer: string;
    sector: string;
    superior_id: string | null;
    created_at: string;
    owner_id: string;
    owner_name: string;
    current_path: string;
    active_devices: unknown;
    report_id: string | null;
    revision: unknown;
    saved_at: string | null;
    status: string | null;
    review: string | null;
    workers: unknown;
    members: unknown;
    meets_target: unknown;
    dialogue_sessions: unknown;
    document?: string | null;
  } & Record<(typeof KIND_COLUMNS)[number], unknown>>`
    with owned as (${owned})
    select u.id, u.code, u.name, u.employer, u.sector, u.superior_id, u.created_at, o.owner_id, n.name as owner_name, c.path as current_path,
      (select count(*) from devices d where d.union_id = u.id and d.revoked_at is null) as active_devices,
      r.id as report_id, r.revision, r.saved_at, r.status, r.review, r.workers, r.members, r.meets_target, r.dialogue_sessions,
      ${sql.raw(KIND_COLUMNS.map((column) => `r.${column}`).join(', '))}${scope === 'subtree' ? sql`, r.document` : sql``}
    from owned o
    join unions u on u.id = o.union_id
    join nodes c on c.id = u.superior_id
    join nodes n on n.id = o.owner_id
    left join reports r on r.id = o.report_id
    order by u.name, u.id`.execute(q);
  return result.rows.map((row) => ({
    union: toUnion(row),
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    movedAway: !row.current_path.startsWith(node.path),
    activeDevices: Number(row.active_devices),
    report:
      row.report_id === null
        ? null
        : {
            id: row.report_id,
            revision: Number(row.revision),
            savedAt: row.saved_at ?? '',
            status: row.status === 'ready' ? ('ready' as const) : ('draft' as const),
            reviewJson: row.review,
            workers: row.workers === null ? null : Number(row.workers),
            members: row.members === null ? null : Number(row.members),
            meetsTarget: row.meets_target === null ? null : Number(row.meets_target) === 1,
            dialogueSessions: Number(row.dialogue_sessions),
            dialogueSessionsByKind: kindCounts(row),
            ...(row.document ? { document: row.document } : {}),
          },
  }));
}

export async function overviewTotals(q: Queries, node: NodeRecord, year: number, kind: string, dueOn: string, formId: string = PLAN94_FORM_REF.id): Promise<OverviewTotalsRecord[]> {
  const reported = sql`(r.status = 'ready' or r.review_status is not null)`;
  const result = await sql<Record<string, unknown>>`
    with owned as (${ownedLines(node, year, kind, formId, dueOn)})
    select
      r.owner_id,
      count(*) as unions,
      sum(case when ${reported} then 1 else 0 end) as reported,
      sum(case when r.review_status = 'accepted' then 1 else 0 end) as accepted,
      sum(case when r.review_status = 'returned' then 1 else 0 end) as returned,
      sum(case when ${reported} and r.workers is not null and r.members is not null then r.workers else 0 end) as workers,
      sum(case when ${reported} and r.workers is not null and r.members is not null then r.members else 0 end) as members,
      sum(case when ${reported} and r.meets_target = 1 then 1 else 0 end) as meeting_target,
      sum(case when ${reported} then r.dialogue_sessions else 0 end) as dialogue_sessions,
      ${sql.join(KIND_COLUMNS.map((column) => sql`sum(case when ${reported} then ${sql.ref(`r.${column}`)} else 0 end) as ${sql.ref(column)}`))}
    from owned r
    group by r.owner_id`.execute(q);
  return result.rows.map((row) => ({
    ownerId: String(row.owner_id),
    unions: Number(row.unions),
    reported: Number(row.reported ?? 0),
    accepted: Number(row.accepted ?? 0),
    returned: Number(row.returned ?? 0),
    workers: Number(row.workers ?? 0),
    members: Number(row.members ?? 0),
    meetingTarget: Number(row.meeting_target ?? 0),
    dialogueSessions: Number(row.dialogue_sessions ?? 0),
    dialogueSessionsByKind: kindCounts(row),
  }));
}
