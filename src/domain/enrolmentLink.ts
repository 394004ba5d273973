/**
 * What an enrolment QR code holds: the address of the app's enrolment screen with the server's
 * address and the code, `https://baocao.example.vn/#/enrol?server=https%3A%2F%2Fbaocao.example.vn&code=K7QF-M2XP`.
 * Opened with the phone's own camera app it lands on the enrolment screen with both fields filled;
 * scanned inside the app, the same text fills the same fields. Staff screens build it, the phone reads it.
 */

export interface EnrolmentLinkValues {
  /** The sync server's address, as the enrolment screen's first field takes it; '' when the link names none. */
  serverUrl: string;
  /** The enrolment code as issued (any case, with or without the dash); '' when none. */
  code: string;
}

/** The hash route of the enrolment screen. */
export const ENROL_ROUTE = '#/enrol';

/**
 * The link for a code: `appUrl` is where the officer's app is served (the server's own address in a
 * one-process deployment), `serverUrl` where it syncs.
 */
export function enrolmentLink(appUrl: string, serverUrl: string, code: string): string {
  const base = appUrl.replace(/#.*$/, '').replace(/\/?$/, '/');
  const query = new URLSearchParams({ server: serverUrl, code });
  return `${base}${ENROL_ROUTE}?${query.toString()}`;
}

/** An enrolment code on its own: 8 characters of the code alphabet, with or without a dash or a space. */
const BARE_CODE = /^[0-9A-Za-z]{4}[-\s]?[0-9A-Za-z]{4}$/;

/**
 * Reads the fields from what a QR code or an address holds: a whole link, the hash part of one
 * (`#/enrol?server=…&code=…`), or a bare code. Null for anything else, so a stranger's QR code
 * (a shop's payment code, a web page) never fills the form.
 */
export function parseEnrolmentLink(text: string): EnrolmentLinkValues | null {
  const trimmed = text.trim();
  if (BARE_CODE.test(trimmed)) return { serverUrl: '', code: trimmed.toUpperCase() };
  const hashAt = trimmed.indexOf('#');
  const hash = hashAt >= 0 ? trimmed.slice(hashAt) : '';
  const match = /^#\/?enrol\/?\?(.*)$/.exec(hash);
  if (!match) return null;
  const query = new URLSearchParams(match[1]);
  const code = (query.get('code') ?? '').trim();
  let serverUrl = (query.get('server') ?? '').trim();
  if (serverUrl && !/^https?:\/\//i.test(serverUrl)) serverUrl = '';
  if (!code && !serverUrl) return null;
  return { serverUrl, code: code.slice(0, 64) };
}
