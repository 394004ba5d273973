/**
 * The server's audit log: who changed what, when, from which node and address (issue 23). Written in
 * the same transaction as the change it records, never updated or deleted; staff read the entries of
 * their own subtree. One declaration for the server that writes it and the staff screen that reads it.
 */

/** Every kind of change the log records. A new kind of change adds its name here first. */
export const AUDIT_ACTIONS = [
  // sign-in and accounts
  'staff.login',
  'staff.login_failed',
  'staff.logout',
  'staff.created',
  'staff.deleted',
  'staff.role_changed',
  'staff.password_changed',
  'staff.password_reset',
  'staff.session_ended',
  'staff.totp_enabled',
  'staff.totp_disabled',
  'staff.totp_required',
  'staff.recovery_code_used',
  // the tree and its unions
  'node.created',
  'node.updated',
  'node.moved',
  'node.deleted',
  'union.created',
  'union.updated',
  'union.moved',
  // phones
  'enrolment_code.issued',
  'enrolment_code.withdrawn',
  'device.revoked',
  // rounds and review
  'round.opened',
  'round.changed',
  'round.closed',
  'round.reopened',
  'round.reopening_withdrawn',
  'review.accepted',
  'review.returned',
  'review.withdrawn',
  // forms, operations, push
  'form.imported',
  'form.published',
  'backup.made',
  'backup.restored',
  'push.reminder_sent',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry as the staff screen reads it (`GET /api/staff/audit`). */
export interface AuditEntry {
  id: string;
  /** ISO-8601 UTC; shown in Vietnam's time. */
  at: string;
  action: AuditAction;
  /** Who: null id and 'admin' for the command line, the typed name for a failed sign-in. */
  actor: { staffId: string | null; username: string; nodeId: string | null };
  /** The client's address as the server saw it; null for the command line. */
  address: string | null;
  /** The node the change happened under (for reach: only staff at or above it read the entry). */
  nodeId: string | null;
  /** The CĐCS concerned, when there is one. */
  unionId: string | null;
  /** What was changed: `{ kind, id }` (a node, union, staff member, round, report, code, device…). */
  target: { kind: string; id: string } | null;
  /** What the record was before and after, the fields that matter; never a password, token or code. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** One page of `GET /api/staff/audit`, newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
  /** The names, as they are now, of the nodes and unions the entries name (actor's node, node, union, target). */
  names: { nodes: Record<string, string>; unions: Record<string, string> };
}

/** `GET /api/staff/audit/choices`: who and which unions appear in a subtree's log, for the filters. */
export interface AuditChoices {
  /** Staff members who made an entry of the subtree (the command line and failed sign-ins have no id). */
  people: { staffId: string; username: string }[];
  unions: { id: string; name: string }[];
}
