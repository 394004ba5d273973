/**
 * Who is asking, and the one rule every staff request follows: a staff member reaches their node and
 * everything below it. An id outside that subtree is answered exactly like an id that does not exist
 * (404), so that nobody learns what another union holds; a role that does not allow the action is 403,
 * and only ever for something inside the subtree. Every service that answers staff imports this; the
 * accounts and sessions that make an actor, and the command line's actor `CONSOLE`, are in staff.ts.
 */
import { roleAllows, type StaffRole } from '../../domain/organisation';
import type { StaffRestriction } from '../../domain/staff';
import type { NodeRecord, ReportRecord, StoreReads, UnionRecord } from '../store/store';
import { ApiFailure } from './errors';
import { isUuid } from './input';

/** Who is asking: a signed-in staff member, or the admin command line (which reaches every node). */
export interface StaffActor {
  /** Null for the admin command line. */
  staffId: string | null;
  username: string;
  role: StaffRole;
  /** The node the member belongs to ('' for the command line). */
  nodeId: string;
  /** Its path: the member reaches every node whose path starts with it ('/' reaches all). */
  nodePath: string;
  tokenHash: string;
  /** The client's address as the server saw it (for the audit log); null for the command line. */
  address?: string | null;
  /** The session's listed id ('' for the command line). */
  sessionId?: string;
  /** What the session must do before anything else (null: nothing). */
  restriction?: StaffRestriction;
}

// ---- reach and roles ----

export function reaches(actor: StaffActor, path: string): boolean {
  return path.startsWith(actor.nodePath);
}

/** 403 unless the actor's role includes `needed`; call after the ids were found in reach. */
export function requireRole(actor: StaffActor, needed: StaffRole, action: string): void {
  if (!roleAllows(actor.role, needed)) throw new ApiFailure(403, 'forbidden', `A ${actor.role} cannot ${action}; ask a ${needed} of this node.`);
}

export function noSuch(what: string): ApiFailure {
  return new ApiFailure(404, 'not_found', `No such ${what}.`);
}

export async function nodeInReach(store: StoreReads, actor: StaffActor, id: unknown): Promise<NodeRecord> {
  const node = typeof id === 'string' && isUuid(id) ? await store.findNode(id) : undefined;
  if (!node || !reaches(actor, node.path)) throw noSuch('node');
  return node;
}

/** A union whose current superior is in reach, with that superior. */
export async function unionInReach(store: StoreReads, actor: StaffActor, id: unknown): Promise<{ union: UnionRecord; superior: NodeRecord }> {
  const union = typeof id === 'string' && isUuid(id) ? await store.findUnion(id) : undefined;
  const superior = union?.superiorId ? await store.findNode(union.superiorId) : undefined;
  if (!union || !superior || !reaches(actor, superior.path)) throw noSuch('union');
  return { union, superior };
}

/** A report whose owner (the superior it was filed under, or its union's for a draft) is in reach. */
export async function reportInReach(store: StoreReads, actor: StaffActor, id: unknown): Promise<{ report: ReportRecord; owner: NodeRecord }> {
  const found = typeof id === 'string' && isUuid(id) ? await store.findReportWithOwner(id) : undefined;
  if (!found || !reaches(actor, found.owner.path)) throw noSuch('report');
  return found;
}
