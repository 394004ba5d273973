import { describe, expect, it } from 'vitest';
import type { NodeSummary } from '../../../src/domain/organisation';
import type { OverviewSummary } from '../../../src/domain/staff';
import { StaffApiError } from '../../../src/app/staff/api';
import { manageFailureText, moveFailureText, nodeContentsText } from '../../../src/app/staff/errors';
import { staffMessages } from '../../../src/app/staff/messages';
import { displayName, filterRollup, rollupLines } from '../../../src/app/staff/rollup';
import { breadcrumb, moveTargets } from '../../../src/app/staff/tree';
import { kindCounts } from './fixtures';

function summary(over: Partial<OverviewSummary>): OverviewSummary {
  return {
    unions: 0,
    reported: 0,
    notReported: 0,
    accepted: 0,
    returned: 0,
    workers: 0,
    members: 0,
    unionizationRate: null,
    meetingTarget: 0,
    dialogueSessions: 0,
    dialogueSessionsByKind: kindCounts(),
    ...over,
  };
}

function node(id: string, name: string, shortName = ''): NodeSummary {
  return { id, kind: 'upper_commune', name, shortName, code: null };
}

const benThanh = node('n-bt', 'Công đoàn phường Bến Thành', 'CĐ phường Bến Thành');
const kcn = { ...node('n-kcn', 'Công đoàn các khu công nghiệp tỉnh'), kind: 'upper_industrial_park' as const };

describe('the roll-up by upper-level union', () => {
  const overview = {
    rollup: [
      { node: benThanh, summary: summary({ unions: 70, reported: 52, notReported: 18, workers: 8410, members: 7022, unionizationRate: 0.835, meetingTarget: 44 }) },
      { node: kcn, summary: summary({ unions: 10, reported: 10, workers: 1000, members: 700, unionizationRate: 0.7, meetingTarget: 3 }) },
    ],
    direct: summary({ unions: 1, reported: 1, workers: 120, members: 100, unionizationRate: 0.8333, meetingTarget: 1 }),
    summary: summary({ unions: 81, reported: 63, notReported: 18, workers: 9530, members: 7822, unionizationRate: 0.8208, meetingTarget: 48 }),
  };

  it('has one line per child node, then the CĐCS straight under the node, then the total', () => {
    const lines = rollupLines(overview);
    expect(lines.map((line) => [line.kind, line.node?.id ?? null])).toEqual([
      ['child', 'n-bt'],
      ['child', 'n-kcn'],
      ['direct', null],
      ['total', null],
    ]);
  });

  it('gives each line its share reported and judges its rate against the 80 % target', () => {
    const [ward, park, , total] = rollupLines(overview);
    expect(ward).toMatchObject({ unions: 70, reported: 52, meetsTarget: true, meetingTarget: 44 });
    expect(ward!.reportedShare).toBeCloseTo(52 / 70);
    expect(park).toMatchObject({ reportedShare: 1, meetsTarget: false });
    expect(total).toMatchObject({ unions: 81, meetsTarget: true });
  });

  it('has no direct line when no CĐCS hangs straight under the node, and no rate nor share for an empty child', () => {
    const lines = rollupLines({ ...overview, rollup: [{ node: kcn, summary: summary({}) }], direct: summary({}) });
    expect(lines.map((line) => line.kind)).toEqual(['child', 'total']);
    expect(lines[0]).toMatchObject({ reportedShare: null, unionizationRate: null, meetsTarget: null });
  });

  it('is empty for a node without upper-level children: it shows only its table of CĐCS', () => {
    expect(rollupLines({ ...overview, rollup: [] })).toEqual([]);
  });

  it('filters the children still to chase, keeping the direct and total lines', () => {
    const lines = rollupLines(overview);
    expect(filterRollup(lines, { notComplete: true, belowTarget: false }).map((l) => l.node?.id ?? l.kind)).toEqual(['n-bt', 'direct', 'total']);
    expect(filterRollup(lines, { notComplete: false, belowTarget: true }).map((l) => l.node?.id ?? l.kind)).toEqual(['n-kcn', 'direct', 'total']);
    expect(filterRollup(lines, { notComplete: true, belowTarget: true }).map((l) => l.node?.id ?? l.kind)).toEqual(['direct', 'total']);
  });

  it('names a node by its short name in narrow columns, else by its official name', () => {
    expect(displayName(benThanh)).toBe('CĐ phường Bến Thành');
    expect(displayName(kcn)).toBe('Công đoàn các khu công nghiệp tỉnh');
  });
});

describe('the breadcrumb of a node', () => {
  const province = { ...node('n-tn', 'Liên đoàn Lao động tỉnh Tây Ninh', 'LĐLĐ tỉnh Tây Ninh'), kind: 'province' as const };
  const zone = node('n-z', 'Cụm công đoàn phường', '');

  it('links the ancestors from the staff member’s own node down, and only names those above it', () => {
    const crumbs = breadcrumb([province, benThanh], zone, 'n-bt');
    expect(crumbs.map((c) => [c.node.id, c.reachable])).toEqual([
      ['n-tn', false],
      ['n-bt', true],
      ['n-z', false],
    ]);
  });

  it('links every ancestor for a province staff member, and none on their own node', () => {
    expect(breadcrumb([province], benThanh, 'n-tn').map((c) => c.reachable)).toEqual([true, false]);
    expect(breadcrumb([province], benThanh, 'n-bt').map((c) => c.reachable)).toEqual([false, false]);
  });

  it('offers every node but the current superior as the target of a move', () => {
    const nodes = [{ node: province, depth: 0 }, { node: benThanh, depth: 1 }, { node: kcn, depth: 1 }];
    expect(moveTargets(nodes, 'n-bt').map((entry) => entry.node.id)).toEqual(['n-tn', 'n-kcn']);
  });
});

describe('why the server refused to delete a node, in Vietnamese', () => {
  it('names what the node still holds', () => {
    const m = staffMessages('vi');
    expect(nodeContentsText({ childNodes: 0, unions: 3, reports: 5, staff: 1 }, m)).toBe('3 CĐCS, 5 báo cáo đã nhận, 1 tài khoản cán bộ');
    expect(m.manage.notEmpty(nodeContentsText({ childNodes: 2, unions: 0, reports: 0, staff: 0 }, m))).toBe(
      'Không xoá được: đơn vị còn 2 đơn vị trực thuộc. Hãy chuyển hoặc xoá những mục đó trước.',
    );
  });
});

describe('why a change to the tree was refused, beside the action', () => {
  const m = staffMessages('vi');
  const refusal = (status: number, error: ConstructorParameters<typeof StaffApiError>[1], details?: unknown) => new StaffApiError(status, error, details);

  it('says which rule a move broke', () => {
    expect(moveFailureText(refusal(422, 'validation_failed', [{ path: 'effectiveDate', code: 'future' }]), m)).toBe(m.move.future);
    expect(moveFailureText(refusal(422, 'validation_failed', [{ path: 'effectiveDate', code: 'before_previous_move' }]), m)).toBe(m.move.beforePrevious);
    expect(moveFailureText(refusal(422, 'validation_failed', [{ path: 'parentId', code: 'unchanged' }]), m)).toBe(m.move.unchanged);
    expect(moveFailureText(refusal(404, 'not_found'), m)).toBe('Không tìm thấy mục này trong phạm vi đơn vị của bạn.');
  });

  it('tells a taken username from a taken code, a cycle, and a role that may not', () => {
    expect(manageFailureText(refusal(409, 'taken', [{ path: 'username', code: 'taken' }]), m)).toBe('Tên đăng nhập này đã có người dùng.');
    expect(manageFailureText(refusal(409, 'taken', [{ path: 'code', code: 'taken' }]), m)).toBe('Mã này đã dùng cho đơn vị khác.');
    expect(manageFailureText(refusal(422, 'node_cycle'), m)).toBe(m.manage.cycle);
    expect(manageFailureText(refusal(403, 'forbidden'), m)).toBe('Tài khoản của bạn không có quyền làm việc này.');
    expect(manageFailureText(refusal(0, 'network'), m)).toBe(m.errors.network);
  });
});
