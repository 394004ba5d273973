/**
 * What the dashboard offers a staff member, from their role (docs/api.md, "Staff"): a viewer reads and
 * exports; a reviewer also reviews reports and enrols devices; an admin also manages the nodes, the
 * CĐCS and the staff below them. The server checks all of it again; this only keeps buttons that
 * would be refused off the screen.
 */
import { roleAllows, type StaffRole } from '../../domain/organisation';

export const STAFF_ACTIONS = [
  'review', // accept or return a report
  'issueCode', // issue an enrolment code for a CĐCS
  'createUnion', // add a CĐCS under a node
  'moveUnion', // move a CĐCS to another superior
  'editUnion', // rename a CĐCS, change its code, employer or sector
  'createNode', // add an upper-level node under a node
  'changeNode', // rename, reclassify or delete a node
  'manageStaff', // list and create staff accounts on a node
  'readAudit', // read the audit log of their subtree
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

const NEEDED: Record<StaffAction, StaffRole> = {
  review: 'reviewer',
  issueCode: 'reviewer',
  createUnion: 'admin',
  moveUnion: 'admin',
  editUnion: 'admin',
  createNode: 'admin',
  changeNode: 'admin',
  manageStaff: 'admin',
  readAudit: 'admin',
};

export interface StaffPlace {
  role: StaffRole;
  /** The staff member's own node: the top of what they see. */
  nodeId: string;
}

/**
 * Whether `staff` may do `action` on the node `nodeId` of their subtree. A node's own staff never
 * rename, move or delete it (only those above may): its admin changes what lies below.
 */
export function may(staff: StaffPlace, action: StaffAction, nodeId?: string): boolean {
  if (!roleAllows(staff.role, NEEDED[action])) return false;
  if (action === 'changeNode') return nodeId !== undefined && nodeId !== staff.nodeId;
  return true;
}

/** Every action the role allows on a node, for a page to mark (and tests to read). */
export function allowedActions(staff: StaffPlace, nodeId: string): StaffAction[] {
  return STAFF_ACTIONS.filter((action) => may(staff, action, nodeId));
}
