/**
 * Who reports to whom: the trade union's own organisation tree (docs/decisions/0003-organisation-tree.md).
 * A province's server holds one tree: the provincial federation at the root, upper-level unions of
 * several kinds below it (to any depth the data needs), and the grassroots unions (CĐCS) as leaves,
 * each under its direct upper-level union (công đoàn cấp trên trực tiếp cơ sở) or straight under the
 * province. Both the server and the staff screens import these declarations.
 */

/**
 * Every kind of node. `grassroots` is a CĐCS (kept as a union record, with devices and reports);
 * the others are upper-level nodes. `district` is historical: the LĐLĐ huyện that ended on
 * 1 July 2025, kept for data migrated from a server that modelled one district.
 */
export const NODE_KINDS = [
  'province', // Liên đoàn Lao động tỉnh / thành phố
  'central_sector', // công đoàn ngành trung ương, công đoàn tổng công ty
  'upper_commune', // công đoàn xã / phường / đặc khu
  'upper_industrial_park', // công đoàn các khu công nghiệp, khu kinh tế
  'upper_sector', // công đoàn ngành địa phương
  'upper_other', // another direct upper-level union
  'grassroots', // công đoàn cơ sở (CĐCS)
  'district', // Liên đoàn Lao động huyện: historical, migrated data only
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** The kinds of upper-level node (every kind but `grassroots`). */
export type UpperNodeKind = Exclude<NodeKind, 'grassroots'>;
export const UPPER_NODE_KINDS = NODE_KINDS.filter((kind): kind is UpperNodeKind => kind !== 'grassroots');

/** Kinds a staff member may create under a node of their subtree (`province` only as a root, `district` never again). */
export const CREATABLE_NODE_KINDS = ['central_sector', 'upper_commune', 'upper_industrial_park', 'upper_sector', 'upper_other'] as const satisfies readonly UpperNodeKind[];
export type CreatableNodeKind = (typeof CREATABLE_NODE_KINDS)[number];

/** Kinds a root node (no parent) may have. */
export const ROOT_NODE_KINDS = ['province', 'central_sector'] as const satisfies readonly UpperNodeKind[];

/** A node's own code (letters, digits, `.-_`, stored upper-case, unique among nodes). */
export const NODE_CODE_PATTERN = /^[A-Z0-9._-]{1,32}$/;

/** An upper-level node of the tree, as the staff API answers it. */
export interface OrgNode {
  id: string;
  kind: UpperNodeKind;
  /** The official name, as a document header prints it (the print view sets it in upper case). */
  name: string;
  /** The short name for headers and narrow columns, e.g. "CĐ phường Bến Thành"; '' when none was given. */
  shortName: string;
  /** The organisation's own code for the node, or null. */
  code: string | null;
  /** Null for the root (the province). */
  parentId: string | null;
  createdAt: string;
}

/** A node named in passing: in breadcrumbs, move histories, roll-up rows. */
export type NodeSummary = Pick<OrgNode, 'id' | 'kind' | 'name' | 'shortName' | 'code'>;

/**
 * A CĐCS's direct upper-level union as the officer's app receives it: in the enrolment answer, the
 * enrolment preview and every change-feed page. The app prints `name` at the top left of the report
 * and says it wherever it used to say "LĐLĐ huyện"; before enrolment it says "công đoàn cấp trên".
 */
export interface Superior {
  id: string;
  kind: UpperNodeKind;
  /** The official name as printed in the header. */
  name: string;
  /** '' when the node has none: then show `name`. */
  shortName: string;
}

/** What a staff member may do on their node and every node below it. Each role includes the ones after it. */
export const STAFF_ROLES = ['admin', 'reviewer', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** True when `role` may do what `needed` may (admin ⊃ reviewer ⊃ viewer). */
export function roleAllows(role: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) <= STAFF_ROLES.indexOf(needed);
}
