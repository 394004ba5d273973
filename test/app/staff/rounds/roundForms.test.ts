import { describe, expect, it } from 'vitest';
import type { FormSummary } from '../../../../src/domain/forms/catalogue';
import { roundFormChoices, roundFormTitle } from '../../../../src/app/staff/rounds/roundForms';

const stored = (code: string, version: number, status: FormSummary['status']): FormSummary => ({
  code,
  version,
  title: `Mẫu ${code}`,
  basis: null,
  status,
  builtin: false,
  node: { id: 'tinh', name: 'LĐLĐ tỉnh' },
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'admin',
  publishedAt: status === 'published' ? '2026-01-02T00:00:00.000Z' : null,
  publishedBy: status === 'published' ? 'admin' : null,
});

describe('the forms a round may ask for', () => {
  it('offers the built-in forms, Plan 94 first, then the published forms the node can use; never a draft', () => {
    const choices = roundFormChoices([stored('mau-quy', 1, 'published'), stored('mau-quy', 2, 'draft'), stored('mau-nam', 3, 'published')]);
    expect(choices.map((choice) => [choice.key, choice.builtin])).toEqual([
      ['ke-hoach-94@1', true],
      ['mau-1-hdcd@1', true],
      ['mau-quy@1', false],
      ['mau-nam@3', false],
    ]);
  });

  it('offers the built-in forms while the list is not read', () => {
    expect(roundFormChoices(null).map((choice) => choice.key)).toEqual(['ke-hoach-94@1', 'mau-1-hdcd@1']);
  });

  it('names a round’s form by its title: Plan 94 for a round that names none', () => {
    const choices = roundFormChoices([stored('mau-quy', 1, 'published')]);
    expect(roundFormTitle({}, choices)).toMatch(/94/);
    expect(roundFormTitle({ form: { id: 'mau-quy', version: 1 } }, choices)).toBe('Mẫu mau-quy');
    expect(roundFormTitle({ form: { id: 'mau-khac', version: 1 } }, choices)).toBeNull();
  });
});
