/**
 * Which superior a CĐCS belonged to for a period, when it has moved since (issue 21). A move changes
 * who the union reports to from its effective date on; the periods that fell due before stay with the
 * superior it reported to then — their reports, their standing in the period table, their exports —
 * so the new superior is never told that a CĐCS it did not have yet is missing a period.
 */
import { defaultDeadline, type ReportPeriod } from './period';

/**
 * The day a period's reports fall due: its round's deadline when the superior opened a round for it,
 * else the default deadline (period.ts). A period is owed to whoever the union reports to on that day.
 */
export function periodDueDate(period: ReportPeriod, round: { deadline: string } | null | undefined): string {
  return round ? round.deadline : defaultDeadline(period);
}

/** What the rule reads of a union's moves (store/moves.ts keeps them, oldest first). */
export interface MoveForPeriod {
  /** The superior before the move; null for a union's first placement. */
  fromId: string | null;
  /** ISO date from which the union reports to its new superior. */
  effectiveDate: string;
}

/**
 * The superior a union belonged to for a period due on `dueOn`: the one it left in the first move that
 * took effect after that day (it still reported there when the period fell due); the current one when
 * no move came after. A first placement (no superior before) is skipped: before it the union had
 * nobody, so its first superior answers for those periods too.
 *
 * Why the due date and not the period's dates: a year's report is written after the year, for the
 * superior that asks for it by the deadline; a move on 1 January does not hand the year just ended to
 * the new superior, a move before the deadline does. store/overviews.ts `ownedLines` applies this rule
 * in SQL (the first later move's `from_node_id`, else `unions.superior_id`): change both together.
 */
export function superiorForPeriod(currentSuperiorId: string, moves: readonly MoveForPeriod[], dueOn: string): string {
  const later = moves
    .filter((move): move is MoveForPeriod & { fromId: string } => move.fromId !== null && move.effectiveDate > dueOn)
    .sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));
  return later[0]?.fromId ?? currentSuperiorId;
}
