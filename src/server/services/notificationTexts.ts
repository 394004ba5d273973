/**
 * What a notification says on the officer's phone, in Vietnamese (the server does not know the
 * phone's language; the app itself opens in the officer's). Only the CĐCS's own matters: its round's
 * title and deadline, its report's period, the first words of the superior's comment; never a figure.
 */
import type { ReportPeriod } from '../../domain/period';
import type { PushPayload } from '../../domain/notifications';

/** How many characters of a return's comment the notification shows. */
export const COMMENT_PREVIEW_CHARS = 80;

const PERIOD_NAMES: Record<ReportPeriod['kind'], string> = {
  yearly: 'năm',
  interim: 'sơ kết',
  final: 'tổng kết',
};

/** `năm 2025`, `sơ kết 2026`: a period as the texts to the staff and the officers name it. */
export function periodName(period: ReportPeriod): string {
  return `${PERIOD_NAMES[period.kind]} ${period.year}`;
}

/** `2026-12-31` as Vietnam writes it: 31/12/2026. */
export function vietnameseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** The officer app's addresses (src/app/ui/router.ts routeHref, from the site's root). */
const HOME_URL = '/#/';
const reportUrl = (reportId: string) => `/#/report/${encodeURIComponent(reportId)}`;

interface RoundFacts {
  id: string;
  title: string;
  period: ReportPeriod;
}

export function roundOpenedPayload(round: RoundFacts, deadline: string): PushPayload {
  return {
    v: 1,
    kind: 'round_opened',
    title: `Mở đợt báo cáo ${periodName(round.period)}`,
    body: `${round.title}. Hạn nộp: ${vietnameseDate(deadline)}.`,
    url: HOME_URL,
    tag: `round:${round.id}`,
  };
}

/**
 * `deadline`: the one that now applies to the CĐCS (a reopening's own, or the round's); `today`: the day in
 * Vietnam. "Mới" only when the reopening set a date of its own; a round reopened past its deadline says the
 * reports are taken all the same, not that the past day is a new deadline.
 */
export function roundReopenedPayload(round: RoundFacts & { deadline: string }, deadline: string, today: string): PushPayload {
  const when =
    deadline !== round.deadline
      ? `Hạn nộp mới: ${vietnameseDate(deadline)}.`
      : deadline >= today
        ? `Hạn nộp: ${vietnameseDate(deadline)}.`
        : `Hạn nộp ${vietnameseDate(deadline)} đã qua; báo cáo vẫn được nhận.`;
  return {
    v: 1,
    kind: 'round_reopened',
    title: `Mở lại đợt báo cáo ${periodName(round.period)}`,
    body: `${round.title}. ${when}`,
    url: HOME_URL,
    tag: `round:${round.id}`,
  };
}

/** `daysLeft`: whole days from today to the deadline (0 on the day, negative once it has passed). */
export function deadlineReminderPayload(round: RoundFacts, deadline: string, daysLeft: number): PushPayload {
  const when =
    daysLeft > 0
      ? `Còn ${daysLeft} ngày đến hạn nộp báo cáo (${vietnameseDate(deadline)}).`
      : daysLeft === 0
        ? `Hôm nay (${vietnameseDate(deadline)}) là hạn nộp báo cáo.`
        : `Đã quá hạn nộp báo cáo ${-daysLeft} ngày (hạn ${vietnameseDate(deadline)}).`;
  return {
    v: 1,
    kind: 'deadline_reminder',
    title: `Nhắc nộp báo cáo ${periodName(round.period)}`,
    body: `${when} ${round.title}.`,
    url: HOME_URL,
    tag: `round:${round.id}`,
  };
}

/** The first words of a comment, cut at a word when one ends near the limit. */
export function commentPreview(comment: string): string {
  const flat = comment.replace(/\s+/g, ' ').trim();
  const characters = Array.from(flat);
  if (characters.length <= COMMENT_PREVIEW_CHARS) return flat;
  const cut = characters.slice(0, COMMENT_PREVIEW_CHARS).join('');
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > COMMENT_PREVIEW_CHARS / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

export function reportReturnedPayload(report: { id: string; period: ReportPeriod }, comment: string): PushPayload {
  return {
    v: 1,
    kind: 'report_returned',
    title: `Báo cáo ${periodName(report.period)} được trả lại`,
    body: `Cấp trên đề nghị sửa: ${commentPreview(comment)}`,
    url: reportUrl(report.id),
    tag: `report:${report.id}`,
  };
}

export function reportAcceptedPayload(report: { id: string; period: ReportPeriod }): PushPayload {
  return {
    v: 1,
    kind: 'report_accepted',
    title: `Báo cáo ${periodName(report.period)} đã được tiếp nhận`,
    body: 'Cấp trên đã tiếp nhận báo cáo của công đoàn cơ sở.',
    url: reportUrl(report.id),
    tag: `report:${report.id}`,
  };
}
