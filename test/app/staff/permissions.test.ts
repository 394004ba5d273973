import { describe, expect, it } from 'vitest';
import { allowedActions, may } from '../../../src/app/staff/permissions';

describe('what the dashboard offers each role', () => {
  const own = 'n-own';
  const below = 'n-below';

  it('offers a viewer nothing to change: reading and exporting only', () => {
    expect(allowedActions({ role: 'viewer', nodeId: own }, below)).toEqual([]);
  });

  it('lets a reviewer review reports and enrol devices, but not manage the tree or staff', () => {
    expect(allowedActions({ role: 'reviewer', nodeId: own }, below)).toEqual(['review', 'issueCode']);
  });

  it('lets an admin also manage nodes, CĐCS and staff, and read the audit log', () => {
    expect(allowedActions({ role: 'admin', nodeId: own }, below)).toEqual([
      'review',
      'issueCode',
      'createUnion',
      'moveUnion',
      'editUnion',
      'createNode',
      'changeNode',
      'manageStaff',
      'readAudit',
    ]);
  });

  it('never offers an admin to rename or delete their own node: only the node above may', () => {
    const admin = { role: 'admin' as const, nodeId: own };
    expect(may(admin, 'changeNode', own)).toBe(false);
    expect(may(admin, 'changeNode', below)).toBe(true);
    expect(may(admin, 'createNode', own)).toBe(true);
  });
});
