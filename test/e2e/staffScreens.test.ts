/**
 * Every staff screen at every role, with real data, on the production build served by the real server
 * (SQLite), in a 1280 px desktop window. The tree: the province → two commune unions and an
 * industrial-park union → their CĐCS (and one CĐCS straight under the province); the reports come in
 * as phones push them, over three days of a round the province opened for 2025, some with a second
 * revision, one accepted and one returned, plus earlier years' reports for the five-year trend.
 *
 * An admin, a reviewer and a viewer, each at the province and at a commune union, go through every
 * screen they reach: their node (the period with the round, and a period without one), the nodes below,
 * a CĐCS's page, a report with its revisions, the summary report, the report forms and each built-in
 * form's roll-up (issue 22). No screen may write a console error
 * or throw. On each node screen the three charts are read back from what is drawn: uPlot's own
 * instance (caught by an init script, so that the app carries nothing for the test) gives each value's
 * position on the canvas, and the canvas's pixels there must be the series' colour, for every figure
 * the chart's table and sentence state.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, vietnamDate } from '../../src/domain/calendar';
import type { OrgNode, StaffRole } from '../../src/domain/organisation';
import type { ReportDocument } from '../../src/domain/report';
import type { NodeRound } from '../../src/domain/round';
import { pushStored, readyReport, sampleReport, startTestServer, type EnrolledDevice, type TestServer } from '../server/helpers';
import { watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { submitStaffSignIn } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

const YEAR = 2025;

/**
 * `YYYY-MM-DD` in Vietnam's calendar, which is the one the staff screens count days in, whatever the
 * machine's zone: between 17:00 and 24:00 UTC the two calendars name different days.
 */
const localDay = (date: Date): string => vietnamDate(date);

interface Tree {
  communeA: OrgNode;
  communeB: OrgNode;
  park: OrgNode;
  /** The CĐCS of commune A whose 2025 report has two revisions. */
  unionA1: string;
  reportA1: string;
  /** Commune A's draft (it counts nowhere). */
  reportDraft: string;
  /** The report the province returned (under the industrial-park union). */
  reportReturned: string;
  round: NodeRound;
  /** The local day (YYYY-MM-DD) each 2025 report was last saved on, as the server recorded it. */
  savedDay: Record<'a1' | 'a2' | 'b1' | 'b2' | 'k1' | 'k2' | 'p1' | 'a1In2023', string>;
}

let tree: Tree;

function report(year: number, workers: number, members: number, overrides: Partial<ReportDocument> = {}): ReportDocument {
  const document = readyReport({ period: { year, kind: 'yearly' }, ...overrides });
  document.membership.workers = workers;
  document.membership.members = members;
  return document;
}

beforeAll(async () => {
  const province = server.root;
  const communeA = await server.createNode({ name: 'Công đoàn phường Tân Ninh' });
  const communeB = await server.createNode({ name: 'Công đoàn xã Bàu Đồn' });
  const park = await server.createNode({ name: 'Công đoàn các khu công nghiệp Trảng Bàng', kind: 'upper_industrial_park' });
  const union = async (name: string, superior: OrgNode) => (await server.createUnion(name, superior.id)).id;
  const a1 = await union('CĐCS Công ty May Tân Ninh', communeA);
  const a2 = await union('CĐCS Công ty Giày Ninh Sơn', communeA);
  await union('CĐCS Trường Tiểu học Tân Ninh', communeA);
  const a4 = await union('CĐCS Công ty Gạch Ninh Thạnh', communeA);
  const b1 = await union('CĐCS Công ty Mía đường Bàu Đồn', communeB);
  const b2 = await union('CĐCS Bệnh viện Bàu Đồn', communeB);
  await union('CĐCS Trường Mầm non Bàu Đồn', communeB);
  const k1 = await union('CĐCS Công ty Điện tử Trảng Bàng', park);
  const k2 = await union('CĐCS Công ty Dệt Trảng Bàng', park);
  const p1 = await union('CĐCS Bệnh viện Đa khoa tỉnh', province);
  await union('CĐCS Sở Giáo dục và Đào tạo', province);

  const devices = new Map<string, EnrolledDevice>();
  const device = async (unionId: string) => {
    if (!devices.has(unionId)) devices.set(unionId, await server.enrolDevice({ unionId }));
    return devices.get(unionId)!;
  };
  const push = async (unionId: string, document: ReportDocument, revision?: string) => pushStored(server, await device(unionId), document, revision);

  // The province's round for 2025, opened today (server time) with a deadline three weeks on.
  const admin = await server.staffSession();
  const deadline = localDay(new Date(Date.now() + 21 * DAY_MS));
  const answer = await fetch(`${server.url}/api/staff/nodes/${province.id}/rounds`, {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ period: { year: YEAR, kind: 'yearly' }, title: 'Báo cáo năm 2025', activities: { from: '2025-01-01', to: '2025-12-31' }, deadline }),
  });
  expect(answer.status, await answer.clone().text()).toBe(201);
  const round = ((await answer.json()) as { round: NodeRound }).round;

  // Day 0: four reports, and earlier years' (2021 and 2024 have none: the trend has gaps there).
  const reports = {
    a1: report(YEAR, 120, 100),
    a2: report(YEAR, 1000, 653),
    b1: report(YEAR, 300, 290),
    b2: report(YEAR, 250, 240),
    k1: report(YEAR, 400, 390),
    k2: report(YEAR, 800, 500),
    p1: report(YEAR, 2000, 1500),
  };
  const a1First = await push(a1, reports.a1);
  await push(a2, reports.a2);
  await push(k1, reports.k1);
  await push(p1, reports.p1);
  await push(a1, report(2022, 110, 80));
  const a1In2023 = report(2023, 115, 90);
  await push(a1, a1In2023);
  await push(k1, report(2023, 380, 300));
  // Day 1: two more, a draft, and A1's second revision (the day of its last save is the one that counts).
  server.advanceClock(DAY_MS);
  await push(b1, reports.b1);
  await push(k2, reports.k2);
  const draft = sampleReport({ period: { year: YEAR, kind: 'yearly' } });
  await push(a4, draft);
  reports.a1.membership.members = 102;
  await push(a1, reports.a1, a1First);
  // Day 3: the last one; the province accepts one report and returns another (a decision is no new save).
  server.advanceClock(2 * DAY_MS);
  await push(b2, reports.b2);
  await server.reviewReport(reports.b1.id, 'accepted');
  await server.reviewReport(reports.k2.id, 'returned');

  const savedDay = {} as Tree['savedDay'];
  for (const [key, document] of Object.entries({ ...reports, a1In2023 }) as [keyof Tree['savedDay'], ReportDocument][])
    savedDay[key] = localDay(new Date((await server.store.findReport(document.id))!.savedAt));
  expect(new Set(Object.values(savedDay)).size, 'three days of receipts (or more, past a midnight)').toBeGreaterThanOrEqual(3);
  tree = { communeA, communeB, park, unionA1: a1, reportA1: reports.a1.id, reportDraft: draft.id, reportReturned: reports.k2.id, round, savedDay };
});

/** Receipts per day, in order: [day, count]. */
function receipts(...days: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const day of days) counts.set(day, (counts.get(day) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

/** Rejects at a page's first console error or exception: a wait for a chart that will never draw ends there. */
const firstError = new WeakMap<Page, Promise<never>>();

/** The errors a page writes to its console, and the exceptions it throws, as they happen. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  firstError.set(
    page,
    new Promise<never>((_resolve, reject) => {
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        errors.push(`console: ${message.text()}`);
        reject(new Error(errors.join('\n')));
      });
      page.on('pageerror', (error) => {
        errors.push(`page: ${error.stack ?? error.message}`);
        reject(new Error(errors.join('\n')));
      });
    }),
  );
  firstError.get(page)!.catch(() => undefined);
  return errors;
}

/**
 * Catches every uPlot instance as it is built: uPlot assigns `valToPos` on its new instance (a plain
 * object), which meets this setter on Object.prototype; the setter keeps the instance and puts the
 * function back as the instance's own property. Nothing of it is in the app.
 */
function catchCharts(): void {
  const charts: object[] = [];
  Object.defineProperty(window, '__charts', { value: charts });
  Object.defineProperty(Object.prototype, 'valToPos', {
    configurable: true,
    set(this: object, value: unknown) {
      Object.defineProperty(this, 'valToPos', { value, writable: true, configurable: true, enumerable: true });
      charts.push(this);
    },
  });
}

async function staffContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(catchCharts);
  return context;
}

async function signIn(page: Page, role: StaffRole, nodeId: string): Promise<void> {
  const { username, password } = await server.staffSession({ role, nodeId });
  await submitStaffSignIn(page, server.url, { username, password });
  await page.getByTestId('staff-place').waitFor();
}

async function choosePeriod(page: Page, year: number, kind = 'yearly'): Promise<void> {
  await page.getByTestId('staff-year').selectOption(String(year));
  await page.getByTestId('staff-kind').selectOption(kind);
  await page.locator(`[data-testid="overview-table"][data-period="${year}-${kind}"]`).waitFor();
}

/** What one chart drew, read from its uPlot instance and its canvas. */
interface DrawnChart {
  legend: string[];
  x: { min: number; max: number };
  /** The data per series, x first. */
  data: (number | null)[][];
  /** Per series (x excluded), per point: whether the canvas shows the series' colour where the value sits (null where there is no value). */
  painted: (boolean | null)[][];
  /** The x axis's tick labels. */
  ticks: string[];
  /** The other axes' tick labels, in the chart's order (uPlot leaves a null where a tick has no label). */
  yTicks: string[][];
}

/**
 * Waits until the chart in `testId` is drawn, then reads it. `sample` says where a series shows a value:
 * 'bar' halfway up its bar, within 3 px of its centre (fill colour), 'line' within 3 px of the point
 * (stroke colour).
 */
async function readChart(page: Page, testId: string, sample: ('bar' | 'line' | 'none')[]): Promise<DrawnChart> {
  await Promise.race([page.locator(`[data-testid="${testId}"][data-drawn="true"] canvas`).waitFor(), firstError.get(page)!]);
  return page.evaluate(
    ([id, kinds]) => {
      type Instance = {
        root: HTMLElement;
        status: number;
        ctx: CanvasRenderingContext2D;
        data: (number | null)[][];
        scales: Record<string, { min: number; max: number }>;
        series: { scale: string; fill?: unknown; stroke?: unknown; _fill?: string; _stroke?: string; label?: string }[];
        axes: { _values?: string[] }[];
        valToPos(value: number, scale: string, canvasPixels?: boolean): number;
      };
      const container = document.querySelector(`[data-testid="${id}"]`)!;
      const charts = (window as unknown as { __charts: Instance[] }).__charts;
      const u = charts.filter((chart) => container.contains(chart.root)).at(-1);
      if (!u) throw new Error(`no uPlot instance in ${id}`);
      const rgb = (color: string) => {
        const probe = document.createElement('canvas').getContext('2d')!;
        probe.fillStyle = color;
        const hex = probe.fillStyle as string;
        return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      };
      const near = (pixel: Uint8ClampedArray, offset: number, color: number[]) =>
        color.every((channel, i) => Math.abs(channel - pixel[offset + i]!) <= 24) && pixel[offset + 3]! > 200;
      const painted = u.data.slice(1).map((values, index) => {
        const series = u.series[index + 1]!;
        const kind = kinds[index];
        return values.map((value, at) => {
          if (value == null || kind === 'none') return null;
          const x = Math.round(u.valToPos(u.data[0]![at]!, 'x', true));
          if (kind === 'bar') {
            if (value === 0) return null;
            // Halfway up the bar, across its middle (a line drawn over it may cover the very centre).
            const y = Math.round((u.valToPos(value, series.scale, true) + u.valToPos(0, series.scale, true)) / 2);
            const row = u.ctx.getImageData(x - 3, y, 7, 1).data;
            const color = rgb(series._fill ?? String(series.fill));
            for (let offset = 0; offset < row.length; offset += 4) if (near(row, offset, color)) return true;
            return false;
          }
          const y = Math.round(u.valToPos(value, series.scale, true));
          const box = u.ctx.getImageData(x - 3, y - 3, 7, 7).data;
          const color = rgb(series._stroke ?? String(series.stroke));
          for (let offset = 0; offset < box.length; offset += 4) if (near(box, offset, color)) return true;
          return false;
        });
      });
      return {
        legend: [...u.root.querySelectorAll('.u-legend .u-label')].map((label) => label.textContent ?? ''),
        x: { min: u.scales.x!.min, max: u.scales.x!.max },
        data: u.data.map((values) => [...values]),
        painted,
        ticks: u.axes[0]!._values ?? [],
        yTicks: u.axes.slice(1).map((axis) => (axis._values ?? []).filter((label) => label != null && label !== '')),
      };
    },
    [testId, sample] as const,
  );
}

/** The rows of the chart's table, cell texts, header cell first. */
async function tableOf(page: Page, figure: string): Promise<string[][]> {
  return page.locator(`[data-testid="${figure}"] table.staff-table tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())));
}

/** `83,3 %` → 83.3; `—` → null. */
const percentOf = (text: string) => (text === '—' ? null : Number(text.replace(' %', '').replace(/\./g, '').replace(',', '.')));
/** `1.500` → 1500; `—` → null. */
const countOf = (text: string) => (text === '—' ? null : Number(text.replace(/\./g, '')));
/** A percentage tick as vi-VN writes it: "80 %", "12,5 %". */
const PERCENT_TICK = /^\d{1,3}(,\d+)? %$/;
/** A count tick as vi-VN writes it: "0", "750", "1.500" (never "1,500" or "1.5k"). */
const COUNT_TICK = /^\d{1,3}(\.\d{3})*$/;

/** Every tick label of an axis in the given form, and at least two of them. */
function expectTicks(ticks: string[] | undefined, form: RegExp, what: string): void {
  expect(ticks?.length ?? 0, what).toBeGreaterThan(1);
  for (const tick of ticks ?? []) expect(tick, what).toMatch(form);
}

/** Local midnight of an ISO day, in uPlot's seconds. */
const secondsOf = (day: string) => new Date(`${day}T00:00:00`).getTime() / 1000;

/**
 * Reads the node screen's three charts back against their tables, the period table and the sentences.
 * `expected` names what the test put there: the CĐCS's rates, the receipts per day, the five years.
 */
async function checkCharts(
  page: Page,
  expected: { rates: [string, string][]; receipts: [string, number][]; span: { from: string; to: string } | 'period'; years: [number, string, string][] },
): Promise<void> {
  const year = Number(await page.getByTestId('staff-year').inputValue());
  await Promise.race([page.locator(`[data-testid="staff-charts"][data-period="${year}-yearly"]`).waitFor(), firstError.get(page)!]);
  // ---- the rates against 80 % ----
  const rateRows = await tableOf(page, 'chart-rates');
  expect(rateRows.map((row) => [row[0], row[1]])).toEqual(expected.rates);
  // The period table says the same of each CĐCS.
  for (const [name, rate] of expected.rates)
    expect(await page.locator('[data-testid="union-row"]', { has: page.locator('th', { hasText: name }) }).getByTestId('union-rate').innerText()).toBe(rate);
  if (expected.rates.length > 0) {
    const rates = await readChart(page, 'chart-rates-canvas', ['bar', 'bar', 'none']);
    expect(rates.legend).toEqual(['CĐCS', 'Đạt chỉ tiêu', 'Dưới 80 %', 'Chỉ tiêu 80 %']);
    rateRows.forEach(([, rate, target], i) => {
      const under = target === 'Chưa đạt';
      expect(rates.data[under ? 2 : 1]![i]).toBe(percentOf(rate!));
      expect(rates.data[under ? 1 : 2]![i]).toBeNull();
      expect(rates.painted[under ? 1 : 0]![i], `bar ${i} of the rates`).toBe(true);
    });
    expectTicks(rates.yTicks[0], PERCENT_TICK, 'the rates chart’s axis');
  } else {
    expect(await page.getByTestId('chart-rates-canvas').count()).toBe(0);
  }
  const under = expected.rates.filter(([, rate]) => percentOf(rate)! < 80);
  expect(await page.getByTestId('chart-rates-summary').innerText()).toContain(`${expected.rates.length} CĐCS đã báo cáo tỷ lệ; ${under.length} CĐCS dưới 80 %.`);

  // ---- the reports received per day ----
  const total = expected.receipts.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) {
    expect(await page.getByTestId('chart-daily-summary').innerText()).toContain('Chưa nhận được báo cáo nào.');
    expect(await page.getByTestId('chart-daily-canvas').count()).toBe(0);
  } else {
    // Drawn once the round is known: then the sentence and the table are final too.
    const daily = await readChart(page, 'chart-daily-canvas', ['bar', 'line']);
    const dailyText = await page.getByTestId('chart-daily-summary').innerText();
    const busiest = expected.receipts.reduce((best, day) => (day[1] > best[1] ? day : best));
    const shown = (day: string) => day.split('-').reverse().join('/');
    expect(dailyText).toContain(`Đã nhận ${total} báo cáo; nhiều nhất ngày ${shown(busiest[0])} (${busiest[1]} báo cáo).`);
    const dayRows = await tableOf(page, 'chart-daily');
    let running = 0;
    expect(dayRows).toEqual(expected.receipts.map(([day, count]) => [shown(day), String(count), String((running += count))]));
    expect(daily.legend).toEqual(['Ngày', 'Nhận trong ngày', 'Cộng dồn']);
    // The axis spans the round (its opening day to its deadline), or the period without one, and every receipt.
    const span = expected.span === 'period' ? { from: `${year}-01-01`, to: `${year}-12-31` } : expected.span;
    const days = [span.from, span.to, ...expected.receipts.map(([day]) => day)].sort();
    // Give or take the margin that shows the end days' bars whole: a day, or a fiftieth of a span of years.
    const [first, last] = [secondsOf(days[0]!), secondsOf(days.at(-1)!)];
    const margin = Math.max(86_400, (last - first) / 50);
    expect(dailyText).toContain(
      expected.span === 'period'
        ? `Chưa mở kỳ báo cáo cho kỳ này: biểu đồ trải từ ${shown(days[0]!)} đến ${shown(days.at(-1)!)}.`
        : `Kỳ báo cáo mở ngày ${shown(span.from)}, hạn nộp ${shown(span.to)}.`,
    );
    expect(daily.x.min).toBeLessThanOrEqual(first);
    expect(daily.x.min).toBeGreaterThan(first - margin);
    expect(daily.x.max).toBeGreaterThanOrEqual(last);
    expect(daily.x.max).toBeLessThan(last + margin);
    running = 0;
    for (const [day, count] of expected.receipts) {
      const at = daily.data[0]!.indexOf(secondsOf(day));
      expect(at, day).toBeGreaterThanOrEqual(0);
      running += count;
      expect([daily.data[1]![at], daily.data[2]![at]]).toEqual([count, running]);
      expect(daily.painted[0]![at], `the bar of ${day}`).toBe(true);
      expect(daily.painted[1]![at], `the running total on ${day}`).toBe(true);
    }
    // Nothing else received: every other day's bar is empty.
    const received = daily.data[1]!.reduce<number>((sum, count) => sum + (count ?? 0), 0);
    expect(received).toBe(total);
    // Vietnamese dates under the axis: "07/12" or "thg 12", never "Dec" or "12/7".
    expect(daily.ticks.length).toBeGreaterThan(1);
    for (const tick of daily.ticks) expect(tick).toMatch(/^(\d{2}\/\d{2}|thg \d{1,2})(\n\d{4})?$/);
    expectTicks(daily.yTicks[0], COUNT_TICK, 'the receipts chart’s axis');
  }

  // ---- the last five years (drawn once every year's figures are in) ----
  const years = await readChart(page, 'chart-years-canvas', ['line', 'line']);
  const yearRows = await tableOf(page, 'chart-years');
  expect(yearRows.map((row) => [Number(row[0]), row[1], row[2]])).toEqual(expected.years);
  expect(years.legend).toEqual(['Năm', 'Tỷ lệ (%)', 'Đoàn viên']);
  // The years under the axis as years ("2025", never "2,025" or "2.025"); the rate on the left, members on the right.
  for (const tick of years.ticks.filter((label) => label != null && label !== '')) expect(tick).toMatch(/^\d{4}$/);
  expectTicks(years.yTicks[0], PERCENT_TICK, 'the years chart’s rate axis');
  expectTicks(years.yTicks[1], COUNT_TICK, 'the years chart’s members axis');
  expect(years.data[0]).toEqual(expected.years.map(([y]) => y));
  yearRows.forEach(([, rate, members], i) => {
    expect(years.data[1]![i], `rate in ${yearRows[i]![0]}`).toBe(percentOf(rate!));
    expect(years.data[2]![i], `members in ${yearRows[i]![0]}`).toBe(countOf(members!));
    if (rate !== '—') expect(years.painted[0]![i], `the rate's point in ${yearRows[i]![0]}`).toBe(true);
    if (members !== '—') expect(years.painted[1]![i], `the members' point in ${yearRows[i]![0]}`).toBe(true);
  });
}

const communeAYears: [number, string, string][] = [
  [2021, '—', '—'],
  [2022, '72,7 %', '80'],
  [2023, '78,3 %', '90'],
  [2024, '—', '—'],
  [2025, '67,4 %', '755'],
];
const communeARates: [string, string][] = [
  ['CĐCS Công ty Giày Ninh Sơn', '65,3 %'],
  ['CĐCS Công ty May Tân Ninh', '85,0 %'],
];

describe('every staff screen, at every role, with reports in', () => {
  for (const role of ['admin', 'reviewer', 'viewer'] as const) {
    it(`a province ${role} goes through every screen without an error, and every chart draws what its table says`, async () => {
      const context = await staffContext();
      try {
        const page = await context.newPage();
        const errors = watchErrors(page);
        const csp = watchCspViolations(page);
        await signIn(page, role, server.root.id);
        const day = tree.savedDay;
        const round = { from: localDay(new Date(tree.round.openedAt)), to: tree.round.deadline };

        // The province's own screen, 2025 (the round's period): its own CĐCS, and five years of all below.
        await choosePeriod(page, YEAR);
        await checkCharts(page, {
          rates: [['CĐCS Bệnh viện Đa khoa tỉnh', '75,0 %']],
          receipts: receipts(day.p1),
          span: round,
          years: [
            [2021, '—', '—'],
            [2022, '72,7 %', '80'],
            [2023, '78,8 %', '390'],
            [2024, '—', '—'],
            [2025, '75,5 %', '3.675'],
          ],
        });
        expect(errors, 'the province, 2025').toEqual([]);
        await page.getByTestId('staff-kind').selectOption('interim');
        await page.locator(`[data-testid="overview-table"][data-period="${YEAR}-interim"]`).waitFor();
        await page.locator('[data-testid="chart-years-canvas"][data-drawn="true"]').waitFor();
        expect(errors, 'the province, interim review 2025').toEqual([]);

        // Down into commune A: its CĐCS, two days of receipts (A1's last save was on day 1).
        await choosePeriod(page, YEAR);
        await page.locator(`[data-testid="rollup-row"][data-node-id="${tree.communeA.id}"] [data-testid="rollup-open"]`).click();
        await page.locator(`[data-testid="staff-node"][data-node-id="${tree.communeA.id}"]`).waitFor();
        await choosePeriod(page, YEAR);
        await checkCharts(page, { rates: communeARates, receipts: receipts(day.a1, day.a2), span: round, years: communeAYears });
        // 2023 has no round: the receipts' axis spans the period, and the day its report came in.
        await choosePeriod(page, 2023);
        await checkCharts(page, {
          rates: [['CĐCS Công ty May Tân Ninh', '78,3 %']],
          receipts: receipts(tree.savedDay.a1In2023),
          span: 'period',
          years: communeAYears.slice(0, 3),
        });
        await choosePeriod(page, YEAR);
        expect(errors, 'commune A').toEqual([]);

        // The industrial-park union (one report returned), then commune B (one accepted).
        await page.goto(`${server.url}/#/staff/node/${tree.park.id}`);
        await page.locator(`[data-testid="staff-node"][data-node-id="${tree.park.id}"]`).waitFor();
        await choosePeriod(page, YEAR);
        await checkCharts(page, {
          rates: [
            ['CĐCS Công ty Dệt Trảng Bàng', '62,5 %'],
            ['CĐCS Công ty Điện tử Trảng Bàng', '97,5 %'],
          ],
          receipts: receipts(day.k1, day.k2),
          span: round,
          years: [
            [2021, '—', '—'],
            [2022, '—', '—'],
            [2023, '78,9 %', '300'],
            [2024, '—', '—'],
            [2025, '74,2 %', '890'],
          ],
        });
        await page.goto(`${server.url}/#/staff/node/${tree.communeB.id}`);
        await page.locator(`[data-testid="staff-node"][data-node-id="${tree.communeB.id}"]`).waitFor();
        await choosePeriod(page, YEAR);
        await checkCharts(page, {
          rates: [
            ['CĐCS Bệnh viện Bàu Đồn', '96,0 %'],
            ['CĐCS Công ty Mía đường Bàu Đồn', '96,7 %'],
          ],
          receipts: receipts(day.b1, day.b2),
          span: round,
          years: [
            [2021, '—', '—'],
            [2022, '—', '—'],
            [2023, '—', '—'],
            [2024, '—', '—'],
            [2025, '96,4 %', '530'],
          ],
        });
        expect(errors, 'the industrial-park union and commune B').toEqual([]);

        await page.goto(`${server.url}/#/staff/report/${tree.reportReturned}`);
        await page.locator(`[data-testid="review-decision"][data-status="returned"]`).waitFor();
        await visitCommonScreens(page);
        expect(errors, 'a CĐCS, reports, the summary report').toEqual([]);
        expect(csp).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const role of ['admin', 'reviewer', 'viewer'] as const) {
    it(`a commune ${role} goes through every screen without an error, and every chart draws what its table says`, async () => {
      const context = await staffContext();
      try {
        const page = await context.newPage();
        const errors = watchErrors(page);
        await signIn(page, role, tree.communeA.id);
        await page.locator(`[data-testid="staff-node"][data-node-id="${tree.communeA.id}"]`).waitFor();
        await choosePeriod(page, YEAR);
        const round = { from: localDay(new Date(tree.round.openedAt)), to: tree.round.deadline };
        await checkCharts(page, { rates: communeARates, receipts: receipts(tree.savedDay.a1, tree.savedDay.a2), span: round, years: communeAYears });
        expect(errors, 'commune A').toEqual([]);
        await visitCommonScreens(page);
        expect(errors, 'a CĐCS, reports, the summary report').toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

/** The screens below commune A that every role reaches: the summary report, a CĐCS's page, reports. */
async function visitCommonScreens(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/staff/node/${tree.communeA.id}`);
  await page.locator(`[data-testid="staff-node"][data-node-id="${tree.communeA.id}"]`).waitFor();
  await choosePeriod(page, YEAR);
  await page.getByTestId('open-summary').click();
  await page.locator('[data-testid="summary-document"][data-fonts-ready="true"]').waitFor();
  await page.getByTestId('summary-close').click();
  await page.getByTestId('summary-overlay').waitFor({ state: 'detached' });

  await page.locator(`[data-testid="staff-union"][data-union-id="${tree.unionA1}"] [data-testid="open-union"]`).click();
  await page.locator(`[data-testid="staff-union"][data-union-id="${tree.unionA1}"]`).waitFor();
  await page.getByTestId('union-devices').waitFor();

  // The forms that apply to commune A, and the roll-up of each built-in one for the period chosen (issue 22).
  await page.goto(`${server.url}/#/staff/node/${tree.communeA.id}/forms`);
  for (const form of ['ke-hoach-94', 'mau-1-hdcd']) {
    await page.locator(`[data-testid="form-line"][data-code="${form}"] [data-testid="form-rollup-link"]`).click();
    await page.locator(`[data-testid="form-rollup"][data-loaded="true"][data-form-id="${form}"][data-period="${YEAR}-yearly"]`).waitFor();
    expect(await page.getByTestId('form-rollup-reach').first().innerText()).toMatch(/^\d+\/\d+ CĐCS$/);
    await page.getByTestId('form-rollup-back-forms').click();
    await page.getByTestId('forms-table').waitFor();
  }

  // A report with two revisions: the change between them.
  await page.goto(`${server.url}/#/staff/report/${tree.reportA1}`);
  await page.locator(`[data-testid="staff-report"][data-report-id="${tree.reportA1}"]`).waitFor();
  await page.getByTestId('revision-diff').waitFor();
  // A draft.
  await page.goto(`${server.url}/#/staff/report/${tree.reportDraft}`);
  await page.locator(`[data-testid="staff-report"][data-report-id="${tree.reportDraft}"]`).waitFor();
  await page.getByTestId('report-section-dialogues').waitFor();
}
