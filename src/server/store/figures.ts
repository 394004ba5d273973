/**
 * The figures an overview aggregates, taken out of a report's JSON whenever it is written (and by the
 * upgrade that added the columns), so that SQL sums them without parsing a document.
 */
import { meetsUnionizationTarget, unionizationRate } from '../../domain/indicators';
import { DIALOGUE_KINDS, type DialogueKind } from '../../domain/report';

export interface ReportFigures {
  status: 'draft' | 'ready';
  review_status: string | null;
  workers: number | null;
  members: number | null;
  /** 1 / 0, null without a rate. */
  meets_target: number | null;
  dialogue_sessions: number;
}

/** `document` is the report's JSON, or the report itself when the caller holds it parsed (a push). */
export function reportFigures(documentJson: string | object, reviewJson: string | null): ReportFigures {
  const document = (typeof documentJson === 'string' ? JSON.parse(documentJson) : documentJson) as {
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

/**
 * One integer column per dialogue kind (migration 0005), so that both stores sum each kind with a plain
 * `sum(...)`, as they sum `dialogue_sessions`. A new kind in DIALOGUE_KINDS needs a migration adding its column.
 */
export const DIALOGUE_KIND_COLUMNS = {
  workplace: 'dialogues_workplace',
  districtCommittee: 'dialogues_district_committee',
  partyGovernmentLeaders: 'dialogues_party_government_leaders',
  workersConference: 'dialogues_workers_conference',
  other: 'dialogues_other',
} as const satisfies Record<DialogueKind, string>;

export type DialogueKindColumn = (typeof DIALOGUE_KIND_COLUMNS)[DialogueKind];
export type DialogueKindFigures = Record<DialogueKindColumn, number>;

/** The document's dialogue sessions counted by kind, as the columns hold them (kept apart from reportFigures, which migration 0004 writes). */
export function dialogueKindFigures(documentJson: string | object): DialogueKindFigures {
  const document = (typeof documentJson === 'string' ? JSON.parse(documentJson) : documentJson) as { dialogues?: { kind?: unknown }[] };
  const figures = Object.fromEntries(DIALOGUE_KINDS.map((kind) => [DIALOGUE_KIND_COLUMNS[kind], 0])) as DialogueKindFigures;
  for (const session of document.dialogues ?? []) {
    const column = DIALOGUE_KIND_COLUMNS[session.kind as DialogueKind] as DialogueKindColumn | undefined;
    if (column) figures[column] += 1;
  }
  return figures;
}
