/**
 * Which two revisions the review opens on, and the revisions split into sends and autosaved drafts.
 * A `ready` revision is a send (lần gửi): what the union submitted for review. A draft is an autosave
 * the superior never received, kept apart so that "lần gửi" counts only what was sent.
 *
 * The comparison the reviewer needs is what changed since the superior last decided: from the
 * revision the last return or acceptance was made on to the latest send. A decision made on the
 * latest send itself (just accepted, say) says nothing changed since, so the one before it is the
 * base: the screen then shows what the union changed for that decision. Without a decision on an
 * earlier send, the last two sends; a report never sent compares its last two drafts. A withdrawn
 * acceptance decides nothing about the content, so it is never a base. Pure, so it is unit-tested.
 */
import type { ReviewDecisionEntry, RevisionSummary } from '../../../domain/staff';

export interface RevisionGroups {
  /** The sends, oldest first, each with its place among them (1 = the first send). */
  sends: (RevisionSummary & { send: number })[];
  /** The autosaved drafts, oldest first. */
  drafts: RevisionSummary[];
}

export function groupRevisions(revisions: readonly RevisionSummary[]): RevisionGroups {
  const ordered = [...revisions].sort((a, b) => a.revision - b.revision);
  const sends = ordered.filter((revision) => revision.status === 'ready').map((revision, index) => ({ ...revision, send: index + 1 }));
  return { sends, drafts: ordered.filter((revision) => revision.status !== 'ready') };
}

export type Comparison =
  /** From the revision `decision` was made on to the latest send. */
  | { from: number; to: number; basis: 'decision'; decision: ReviewDecisionEntry }
  /** The send before the latest, and the latest. */
  | { from: number; to: number; basis: 'sends' }
  /** Never sent: the last two autosaved drafts. */
  | { from: number; to: number; basis: 'drafts' };

/** The pair the review opens on, or null when there is nothing to compare (one send, or fewer than two revisions). */
export function defaultComparison(revisions: readonly RevisionSummary[], decisions: readonly ReviewDecisionEntry[]): Comparison | null {
  const { sends, drafts } = groupRevisions(revisions);
  const latest = sends.at(-1);
  if (!latest) {
    const [from, to] = drafts.slice(-2);
    return from && to ? { from: from.revision, to: to.revision, basis: 'drafts' } : null;
  }
  const kept = new Set(revisions.map((revision) => revision.revision));
  const decision = [...decisions]
    .reverse()
    .find(
      (entry) =>
        entry.status !== 'withdrawn' && entry.revision !== null && Number(entry.revision) < latest.revision && kept.has(Number(entry.revision)),
    );
  if (decision) return { from: Number(decision.revision), to: latest.revision, basis: 'decision', decision };
  const previous = sends.at(-2);
  return previous ? { from: previous.revision, to: latest.revision, basis: 'sends' } : null;
}
