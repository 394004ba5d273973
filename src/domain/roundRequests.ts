/**
 * What a staff member sends to open a reporting round (round.ts) or reopen one for a CĐCS, as the
 * server checks it. Apart from round.ts so that the phone's start, which needs rounds but never these
 * requests, does not build their zod schemas (decision 0010).
 */
import * as z from 'zod/mini';
import { FORM_ID } from './forms/definition';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS } from './period';

const isoDate = z.iso.date();
const ROUND_TEXT = 200;

/**
 * `POST /api/staff/nodes/:nodeId/rounds`: open a round on a node. The dates must be in order:
 * activities from ≤ to, and the deadline not before the activities start.
 */
export const openRoundRequestSchema = z
  .object({
    period: z.object({
      year: z.int().check(z.gte(FIRST_REPORT_YEAR), z.lte(LAST_REPORT_YEAR)),
      kind: z.enum(PERIOD_KINDS),
    }),
    /**
     * The form the round asks for (issue 22): a built-in one or a version published by the node or a
     * node above it (else 422 `unknown_form`). Absent: Plan 94. One round per node, period and form.
     */
    form: z.optional(z.object({ id: z.string().check(z.regex(FORM_ID)), version: z.int().check(z.gte(1), z.lte(10_000)) })),
    title: z.string().check(z.trim(), z.minLength(1), z.maxLength(ROUND_TEXT)),
    plan: z.optional(z.string().check(z.trim(), z.maxLength(ROUND_TEXT))),
    activities: z.object({ from: isoDate, to: isoDate }),
    deadline: isoDate,
    /**
     * A deadline before today is refused (422 `deadline_past`) unless this says it is meant: a round
     * recorded after the fact. The staff's form never sends it.
     */
    allowPastDeadline: z.optional(z.boolean()),
  })
  .check(
    z.refine((round) => round.activities.from <= round.activities.to, {
      path: ['activities', 'to'],
      message: 'activitiesEndBeforeStart',
    }),
    z.refine((round) => round.deadline >= round.activities.from, {
      path: ['deadline'],
      message: 'deadlineBeforeActivities',
    }),
  );
export type OpenRoundRequest = z.infer<typeof openRoundRequestSchema>;

/** `POST /api/staff/rounds/:roundId/reopenings`: reopen a closed round for one CĐCS. */
export const reopenRoundRequestSchema = z.object({
  unionId: z.string().check(z.minLength(1), z.maxLength(64)),
  deadline: z.optional(z.nullable(isoDate)),
});
export type ReopenRoundRequest = z.infer<typeof reopenRoundRequestSchema>;

/**
 * `POST /api/staff/rounds/:roundId/deadline`: move the round's deadline (kept in its history). Refused
 * before the activities start, and before today unless `allowPastDeadline`, as when opening.
 */
export const changeDeadlineRequestSchema = z.object({
  deadline: isoDate,
  allowPastDeadline: z.optional(z.boolean()),
});
export type ChangeDeadlineRequest = z.infer<typeof changeDeadlineRequestSchema>;
