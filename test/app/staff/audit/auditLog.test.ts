/**
 * The audit log in words (src/app/staff/audit/auditLog.ts): who (the console, a failed sign-in's typed
 * name), from which node and address, the action's Vietnamese label, the target by name, each field's
 * before → after with the dashboard's words and Vietnam's clock; and the sheet the workbook holds.
 */
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { type AuditLabels, auditRow, auditSheet, changeLines } from '../../../../src/app/staff/audit/auditLog';
import { auditMessages } from '../../../../src/app/staff/audit/messages';
import { sheetsToXlsx } from '../../../../src/app/staff/export/workbook';
import { staffMessages } from '../../../../src/app/staff/messages';
import { vi } from '../../../../src/app/i18n/messages';
import type { AuditEntry } from '../../../../src/domain/audit';

const m = auditMessages('vi');
const labels: AuditLabels = { m, roles: staffMessages('vi').roles, nodeKinds: staffMessages('vi').nodeKinds, sectors: vi.sectors, periodLabel: vi.periodLabel };
const COMMUNE = '11111111-1111-4111-8111-111111111111';
const PROVINCE = '22222222-2222-4222-8222-222222222222';
const UNION = '33333333-3333-4333-8333-333333333333';
const names = { nodes: { [COMMUNE]: 'Công đoàn phường An Tịnh', [PROVINCE]: 'LĐLĐ tỉnh Tây Ninh' }, unions: { [UNION]: 'CĐCS Công ty May An Tịnh' } };

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    id: 'e1',
    // 02:05 UTC is 09:05 in Vietnam.
    at: '2026-12-07T02:05:00.000Z',
    action: 'union.updated',
    actor: { staffId: 'staff-1', username: 'lan.nguyen', nodeId: PROVINCE },
    address: '203.0.113.7',
    nodeId: COMMUNE,
    unionId: UNION,
    target: { kind: 'union', id: UNION },
    before: null,
    after: null,
    ...overrides,
  };
}

describe('an audit entry in words', () => {
  it('says when on Vietnam’s clock, who, from where, what and about what', () => {
    const row = auditRow(entry({ before: { name: 'CĐCS Công ty May' }, after: { name: 'CĐCS Công ty May An Tịnh' } }), names, labels);
    expect(row).toEqual({
      id: 'e1',
      at: '07/12/2026 09:05',
      who: 'lan.nguyen',
      from: 'LĐLĐ tỉnh Tây Ninh · 203.0.113.7',
      action: 'Sửa CĐCS',
      target: 'CĐCS CĐCS Công ty May An Tịnh',
      changes: ['Tên: CĐCS Công ty May → CĐCS Công ty May An Tịnh'],
    });
  });

  it('names the command line and a failed sign-in for what they are', () => {
    const byConsole = auditRow(entry({ action: 'staff.password_reset', unionId: null, actor: { staffId: null, username: 'admin', nodeId: null }, address: null, target: { kind: 'staff', id: 's' }, after: { username: 'lan.nguyen' } }), names, labels);
    expect(byConsole).toMatchObject({ who: 'Quản trị máy chủ (dòng lệnh)', from: 'không có địa chỉ', action: 'Đặt lại mật khẩu', target: 'Tài khoản lan.nguyen' });
    const guess = auditRow(entry({ action: 'staff.login_failed', actor: { staffId: null, username: 'khach', nodeId: null }, nodeId: null, unionId: null, target: null }), names, labels);
    expect(guess).toMatchObject({ who: 'khach', from: 'Ngoài cây tổ chức · 203.0.113.7', action: 'Đăng nhập không thành công', target: '—' });
  });

  it('writes roles, kinds, periods, dates and moments in the dashboard’s words, and a field that names the thing once', () => {
    expect(changeLines({ before: null, after: { username: 'lan', role: 'reviewer' } }, labels)).toEqual(['Tên đăng nhập: lan', 'Vai trò: Xem xét báo cáo']);
    expect(
      changeLines({ before: { title: 'Năm 2025', period: { year: 2025, kind: 'yearly' }, deadline: '2025-12-10' }, after: { title: 'Năm 2025', period: { year: 2025, kind: 'yearly' }, deadline: '2025-12-20' } }, labels),
    ).toEqual(['Tên đợt: Năm 2025', `Kỳ báo cáo: ${vi.periodLabel(2025, 'yearly')}`, 'Hạn nộp: 10/12/2025 → 20/12/2025']);
    expect(changeLines({ before: { closedAt: null }, after: { closedAt: '2026-12-06T17:30:00.000Z' } }, labels)).toEqual(['Đóng lúc: — → 07/12/2026 00:30']);
    expect(changeLines({ before: { kind: 'upper_commune', name: 'Phường A' }, after: null }, labels)).toEqual(['Tên: Phường A', 'Loại: Công đoàn xã, phường, đặc khu']);
  });

  it('makes one sheet with a header and a row per entry, the changes one per line', async () => {
    const rows = [auditRow(entry({ before: { name: 'A', employer: 'X' }, after: { name: 'B', employer: 'Y' } }), names, labels)];
    const sheets = (await readXlsxFile(Buffer.from(await (await sheetsToXlsx([auditSheet(rows, m)])).arrayBuffer()))) as { sheet: string; data: unknown[][] }[];
    expect(sheets).toHaveLength(1);
    expect(sheets[0]!.sheet).toBe('Nhật ký');
    expect(sheets[0]!.data).toEqual([
      ['Thời gian', 'Người thực hiện', 'Đơn vị · địa chỉ', 'Thao tác', 'Đối tượng', 'Thay đổi'],
      ['07/12/2026 09:05', 'lan.nguyen', 'LĐLĐ tỉnh Tây Ninh · 203.0.113.7', 'Sửa CĐCS', 'CĐCS CĐCS Công ty May An Tịnh', 'Tên: A → B\nĐơn vị sử dụng lao động: X → Y'],
    ]);
  });
});
