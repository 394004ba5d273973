/**
 * The staff's preview of a form draws it as the officer's phone does (issue 22): the frame and its
 * "nothing is kept" line, the sections as steps, the phone's field for a row (label as printed with its
 * unit, the required mark, the numeric keyboard) and, once figures are typed, the rule's error or
 * warning beside the field it concerns. Drawn to HTML with the production components; the typing itself
 * in a browser is test/e2e/forms.test.ts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import PhonePreview, { type PhonePreviewProps } from '../../../../src/app/staff/forms/PhonePreview';
import { I18nProvider, loadMessages, type Language } from '../../../../src/app/i18n';
import { formFromSheets } from '../../../../src/domain/forms/spreadsheet';
import { exampleSheets } from '../../../domain/forms/fixtures';

const read = formFromSheets(exampleSheets());
if (!read.ok) throw new Error('the example of docs/forms.md does not read');
const definition = read.definition;
const messages = { vi: await loadMessages('vi'), en: await loadMessages('en') };

function draw(props: Partial<PhonePreviewProps> = {}, language: Language = 'vi'): string {
  const preview = createElement(PhonePreview, { definition, period: { year: 2025, kind: 'yearly' }, ...props });
  return renderToStaticMarkup(createElement(I18nProvider, { language, messages: messages[language], setLanguage: () => undefined }, preview));
}

/** The field block of a path: from its `<div class="field…">` to the next field's. */
function fieldOf(html: string, path: string): string {
  const at = html.indexOf(`data-testid="field-${path}"`);
  expect(at, `no field ${path}`).toBeGreaterThan(0);
  const start = html.lastIndexOf('<div class="field', at);
  const next = html.indexOf('<div class="field', at);
  return html.slice(start, next < 0 ? undefined : next);
}

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");

describe('the phone preview of a form', () => {
  it('says above the 360 px frame that nothing typed is kept, and offers every section as a step, then the review', () => {
    const html = draw();
    expect(html).toMatch(/data-testid="phone-preview-note">Xem trước: số liệu nhập ở đây không được lưu\.</);
    expect(html.indexOf('phone-preview-note')).toBeLessThan(html.indexOf('data-testid="phone-frame"'));
    const chips = [...html.matchAll(/data-testid="section-(section-\d+|review)"[^>]*>([^<]*)/g)].map((match) => match[1]);
    expect(chips).toEqual([...definition.sections.map((_, i) => `section-${i}`), 'review']);
    // The first step is the built-in membership block, with the live 80 % indicator as on the phone.
    expect(html).toContain('data-testid="section-panel-section-0"');
    expect(html).toContain('data-testid="unionization-rate"');
    expect(html).toContain('data-testid="field-membership.members"');
  });

  it("draws a row with the phone's field: the label as printed with its unit and required mark, the numeric keyboard", () => {
    const html = draw({ initialStep: 'section-1' });
    const total = fieldOf(html, 'values.TONG_LD');
    expect(text(total)).toContain('1. Tổng số lao động (người) (bắt buộc)');
    expect(total).toMatch(/<input[^>]*inputMode="numeric"[^>]*data-testid="field-values.TONG_LD"/);
    expect(text(fieldOf(html, 'values.LD_NU'))).toContain('2. – Trong đó: nữ (người)');
    // The ratio row is worked out, never typed.
    expect(fieldOf(html, 'values.TY_LE_HDLD')).toMatch(/<output[^>]*data-testid="field-values.TY_LE_HDLD"/);
    // No figure typed, no message yet: "required" waits until the field has been visited.
    expect(html).not.toContain('field-message');
  });

  it('shows the broken rule beside the field once figures are typed, in vi-VN numbers, and marks the step', () => {
    const html = draw({ initialStep: 'section-1', typed: { TONG_LD: '1.000', LD_NU: '1.200' } });
    const women = fieldOf(html, 'values.LD_NU');
    expect(women).toContain('field-has-error');
    expect(women).toMatch(/data-testid="issue-values.LD_NU"><p class="field-message field-message-error" role="alert">[^<]*1\.000/);
    expect(text(women)).toContain('Tổng số lao động');
    expect(fieldOf(html, 'values.TONG_LD')).not.toContain('field-message');
    expect(html).toMatch(/class="chip chip-current chip-error"[^>]*data-testid="section-section-1"/);
  });

  it("shows a warning with the province's own words and the explanation box beside the field", () => {
    const html = draw({ initialStep: 'section-2', typed: { KIEN_NGHI_DAT: '5', KIEN_NGHI_NEU: '3' } });
    const reached = fieldOf(html, 'values.KIEN_NGHI_DAT');
    expect(reached).toContain('field-has-warning');
    expect(text(reached)).toContain('Số kiến nghị đạt được nhiều hơn số nêu ra: hãy giải thích.');
    expect(html).toContain('data-testid="field-valueNotes.KIEN_NGHI_DAT"');
  });

  it('speaks English with the English messages', () => {
    expect(draw({}, 'en')).toContain('Preview: figures typed here are not kept.');
  });
});
