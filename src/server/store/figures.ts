/**
 * The figures an overview aggregates, taken out of a report's JSON whenever it is written (and by the
 * upgrade that added the columns), so that SQL sums them without parsing a document.
 */
import { meetsUnionizationTarget, unionizationRate } from '../../domain/indicators';

export interface ReportFigures {
  status: 'draft' | 'ready';
  review_status: string | null;
  workers: number | null;
  members: number | null;
  /** 1 / 0, null without a rate. */
  meets_target: number | null;
  dialogue_sessions: number;
}

export function reportFigures(documentJson: string, reviewJson: string | null): ReportFigures {
  const document = JSON.parse(documentJson) as {
    status?: string;
    membership?: { workers?: number | null; members?: number | null };
    dialogues?: unknown[];
  };
  const workers = document.membership?.workers ?? null;
  const members = document.membership?.members ?? null;
  const meets = meetsUnionizationTarget(unionizationRate(members, workers));
  const review = reviewJson ? (JSON.parse(reviewJson) as { status?: string }) : null;
  return {
    status: document.status === 'ready' ? 'ready' : 'draft',
    review_status: review?.status ?? null,
    workers,
    members,
    meets_target: meets === null ? null : meets ? 1 : 0,
    dialogue_sessions: document.dialogues?.length ?? 0,
  };
}
