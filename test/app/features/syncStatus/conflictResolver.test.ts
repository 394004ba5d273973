/** The conflict screen, rendered to HTML as the app renders it. */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import ConflictResolver from '../../../../src/app/features/syncStatus/ConflictResolver';
import { serverCopy, synced, validReport } from '../../../domain/fixtures';
import { render } from '../render';

describe('ConflictResolver', () => {
  it('lists only the fields both sides changed, this phone beside the server, with vi-VN numbers', () => {
    const base = validReport();
    const local = { ...base, membership: { ...base.membership, members: 1_105, femaleMembers: 40 } };
    const remote = { ...base, membership: { ...base.membership, members: 1_110 }, proposals: { text: 'Máy chủ' } };
    const html = render(
      createElement(ConflictResolver, {
        reportId: base.id,
        document: local,
        sync: synced({ pending: true, conflict: serverCopy(remote, '4') }, base),
      }),
    );
    expect(html).toContain('Số đoàn viên');
    expect(html).toContain('Trên máy này: <span class="sync-choice-value">1.105</span>');
    expect(html).toContain('Trên máy chủ: <span class="sync-choice-value">1.110</span>');
    expect(html).not.toContain('Trong đó: đoàn viên nữ');
    expect(html).not.toContain('Kiến nghị, đề xuất');
    expect(html).toContain('Còn 1 mục chưa chọn.');
  });
});
