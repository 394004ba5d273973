import { afterEach, describe, expect, it } from 'vitest';
import { PeriodTakenError, ReportNotReadyError, type LocalStore } from '../../../src/app/db';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { PROVINCE_FORM } from './formFixtures';
import { openFreshStore } from './helpers';

let store: LocalStore;
afterEach(() => store?.close());

const REF = { id: PROVINCE_FORM.id, version: PROVINCE_FORM.version };
const MAU_1 = { id: MAU_1_HDCD_FORM.id, version: MAU_1_HDCD_FORM.version };

describe('forms on the phone', () => {
  it('keeps the forms the change feed brought, and never stores a built-in one', async () => {
    store = await openFreshStore();
    expect(await store.forms.get(REF)).toBeNull();
    await store.forms.put([PROVINCE_FORM, MAU_1_HDCD_FORM]);
    expect(await store.forms.get(REF)).toEqual(PROVINCE_FORM);
    expect(await store.forms.get({ ...REF, version: 1 })).toBeNull();
    expect(await store.forms.listStored()).toEqual([PROVINCE_FORM]);
    expect(await store.forms.get(MAU_1)).toBe(MAU_1_HDCD_FORM);
  });

  it('holds one report per period and form: a form report names its form and starts with empty rows', async () => {
    store = await openFreshStore();
    const period = { year: 2025, kind: 'yearly' } as const;
    const plan94 = await store.reports.create(period);
    const form = await store.reports.create(period, { form: MAU_1 });
    expect(plan94.document.form).toBeUndefined();
    expect(form.document).toMatchObject({ form: MAU_1, values: {}, valueNotes: {} });
    await expect(store.reports.create(period, { form: MAU_1 })).rejects.toEqual(new PeriodTakenError(form.id));
    await expect(store.reports.create(period)).rejects.toEqual(new PeriodTakenError(plan94.id));
    expect((await store.reports.findByPeriod(period, 'mau-1-hdcd'))?.id).toBe(form.id);
    expect((await store.reports.previousOf({ year: 2026, kind: 'yearly' }, 'mau-1-hdcd'))?.id).toBe(form.id);
  });

  it('carries the membership block over from the previous report of the same form only', async () => {
    store = await openFreshStore();
    const previous = await store.reports.create({ year: 2024, kind: 'yearly' }, { form: REF });
    await store.reports.save({ ...previous.document, membership: { ...previous.document.membership, workers: 90, members: 80 }, values: { SO_BUOI: 4 } });
    const next = await store.reports.create({ year: 2025, kind: 'yearly' }, { form: REF, fromPrevious: true });
    expect(next.document.membership.members).toBe(80);
    expect(next.document.values).toEqual({});
    const plan94 = await store.reports.create({ year: 2025, kind: 'yearly' }, { fromPrevious: true });
    expect(plan94.document.membership.members).toBeNull();
  });

  it('marks a form report ready only when its rows and its blocks have no error', async () => {
    store = await openFreshStore();
    await store.forms.put([PROVINCE_FORM]);
    const created = await store.reports.create({ year: 2025, kind: 'yearly' }, { form: REF });
    await expect(store.reports.markReady(created.id)).rejects.toBeInstanceOf(ReportNotReadyError);
    // The row given, but the membership block still lacks its required figures.
    await store.reports.save({ ...created.document, values: { SO_BUOI: 3 } });
    await expect(store.reports.markReady(created.id)).rejects.toBeInstanceOf(ReportNotReadyError);
    await store.reports.save({ ...created.document, values: { SO_BUOI: 3 }, membership: { ...created.document.membership, workers: 50, members: 45 } });
    expect((await store.reports.markReady(created.id)).status).toBe('ready');
  });

  it('holds Mẫu 1-HĐCĐ to its rules (female above the total), and not to Plan 94’s membership it does not show', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2025, kind: 'yearly' }, { form: MAU_1 });
    await store.reports.save({ ...created.document, values: { TONG_LD: 100, LD_NU: 120 } });
    await expect(store.reports.markReady(created.id)).rejects.toBeInstanceOf(ReportNotReadyError);
    await store.reports.save({ ...created.document, values: { TONG_LD: 100, LD_NU: 60 } });
    expect((await store.reports.markReady(created.id)).status).toBe('ready');
  });

  it('does not mark ready a report whose form never reached the phone', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2025, kind: 'yearly' }, { form: REF });
    await store.reports.save({ ...created.document, values: { SO_BUOI: 3 }, membership: { ...created.document.membership, workers: 50, members: 45 } });
    await expect(store.reports.markReady(created.id)).rejects.toBeInstanceOf(ReportNotReadyError);
  });
});
