/** The editor's form model: counts as typed text, back to a document without losing a saved figure. */
import { describe, expect, it } from 'vitest';
import { documentFromForm, formFromDocument, keepTypedText, sectionOfPath } from '../../../src/app/formFields/reportForm';
import { numericRowCodes } from '../../../src/app/formFields/formSteps';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { session, validReport } from '../../domain/fixtures';

describe('report form model', () => {
  it('shows counts in vi-VN form and reads them back to the same document', () => {
    const report = validReport((r) => r.dialogues.push(session({ participants: 1500 })));
    const values = formFromDocument(report);
    expect(values.membership.workers).toBe('1.234');
    expect(values.membership.membersLeft).toBe('');
    expect(values.dialogues[0]?.participants).toBe('1.500');
    expect(documentFromForm(values, report)).toEqual({ document: report, unparseable: [] });
  });

  it('keeps the last saved figure when the text is not a number, and names the field', () => {
    const saved = validReport((r) => r.dialogues.push(session({ id: 'keep', participants: 45 })));
    const values = formFromDocument(saved);
    values.membership.members = '10a';
    values.dialogues[0]!.participants = 'bốn lăm';
    const reading = documentFromForm(values, saved);
    expect(reading.unparseable).toEqual(['membership.members', 'dialogues.0.participants']);
    expect(reading.document.membership.members).toBe(1053);
    expect(reading.document.dialogues[0]?.participants).toBe(45);
  });

  it('finds a session’s saved figure by its id after an earlier session was removed', () => {
    const saved = validReport((r) => {
      r.dialogues.push(session({ id: 'first', participants: 10 }));
      r.dialogues.push(session({ id: 'second', participants: 20 }));
    });
    const values = formFromDocument(saved);
    values.dialogues.splice(0, 1);
    values.dialogues[0]!.participants = 'x';
    expect(documentFromForm(values, saved).document.dialogues[0]?.participants).toBe(20);
  });

  it('an emptied field saves as "not filled in"', () => {
    const saved = validReport();
    const values = formFromDocument(saved);
    values.membership.femaleMembers = '';
    expect(documentFromForm(values, saved).document.membership.femaleMembers).toBeNull();
  });

  it('keeps the text being typed when a rebase brings the same number or the text is not a number yet', () => {
    const current = formFromDocument(validReport());
    current.membership.workers = '1234';
    current.membership.femaleMembers = '6o0';
    const next = formFromDocument(validReport((r) => (r.membership.members = 1100)));
    const kept = keepTypedText(current, next);
    expect(kept.membership.workers).toBe('1234');
    expect(kept.membership.femaleMembers).toBe('6o0');
    expect(kept.membership.members).toBe('1.100');
  });

  it('sends each issue to its section, explanations to the section of their warning', () => {
    expect(sectionOfPath('dialogues.3.date')).toBe('dialogues');
    expect(sectionOfPath('explanations.memberChange')).toBe('membership');
    expect(sectionOfPath('explanations.partyAdmission')).toBe('partyDevelopment');
    expect(sectionOfPath('grassrootsDemocracy.workersConferenceDate')).toBe('grassrootsDemocracy');
  });
});

describe('report form model of a form report (issue 22)', () => {
  const codes = numericRowCodes(MAU_1_HDCD_FORM);

  it('holds the form’s count and money rows as typed text and reads them back, texts and yes/no as they are', () => {
    const report = { ...validReport(), form: { id: 'mau-1-hdcd', version: 1 }, values: { TONG_LD: 1234, NO_LUONG: 5_000_000, LD_NU: null }, valueNotes: {} };
    const values = formFromDocument(report, codes);
    expect(values.values?.TONG_LD).toBe('1.234');
    expect(values.values?.NO_LUONG).toBe('5.000.000');
    expect(values.values?.LD_NU).toBe('');
    const back = documentFromForm(values, report, codes);
    expect(back.unparseable).toEqual([]);
    expect(back.document.values).toMatchObject({ TONG_LD: 1234, NO_LUONG: 5_000_000, LD_NU: null });
  });

  it('keeps a row’s saved figure when its text is not a number, and names the row', () => {
    const report = { ...validReport(), form: { id: 'mau-1-hdcd', version: 1 }, values: { TONG_LD: 100 }, valueNotes: {} };
    const values = formFromDocument(report, codes);
    (values.values as Record<string, string>).TONG_LD = '1o0';
    const reading = documentFromForm(values, report, codes);
    expect(reading.unparseable).toEqual(['values.TONG_LD']);
    expect(reading.document.values?.TONG_LD).toBe(100);
  });

  it('leaves a Plan 94 report without rows', () => {
    const report = validReport();
    expect(formFromDocument(report).values).toBeUndefined();
    expect(numericRowCodes(MAU_1_HDCD_FORM)).toContain('LUONG_BINH_QUAN');
  });
});
