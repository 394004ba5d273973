/** English texts of the sync badge and status line, loaded when the officer switches to English. */
import { sentenceStart } from '../../i18n';
import type { SyncMessages } from './messages';

export const en: SyncMessages = {
  states: {
    idle: 'In sync with the server',
    syncing: 'Syncing…',
    offline: 'No connection: reports stay on this phone and are sent when the network is back',
    error: 'The server is busy or failing: will retry on its own',
    unauthorized: 'This device may no longer send reports. Enrol again with a new code from your upper-level union.',
    unenrolled: 'This device is not connected to your upper-level union: reports are kept on this phone only.',
  },
  lastSync: (when) => `Last synced: ${when}`,
  neverSynced: 'Never synced yet',
  retryAt: (time) => `Retrying at ${time}`,
  sendNow: 'Send now',
  enrol: 'Connect to your upper-level union',
  enrolAgain: 'Enrol again',
  refusals: {
    validation_failed: (fields) =>
      fields ? `The server refused it: errors in ${fields}. Fix them and it will be sent again.` : 'The server refused it: the report has errors. Fix them and it will be sent again.',
    period_taken: 'Your union already has another report for this period on the server (sent from another device). Continue on that one.',
    report_accepted: 'Your upper-level union accepted this report; it can no longer change.',
    round_closed: (date, superior = 'your upper-level union') =>
      `The reporting round was closed on ${date}: the server no longer takes this report. If it must be sent, ask ${superior} to reopen the round for your union.`,
    forbidden: 'This report belongs to another union on the server.',
    payload_too_large: 'The report is too large to send (over 256 KB). Shorten the notes.',
    unknown_form: 'The server no longer takes this report form from your union. Tell your upper-level union.',
    form_changed: 'On the server this report answers another form. Update the app, then sync again.',
    other: (code) => `The server refused this report (code: ${code}). Edit it to try again, or tell your upper-level union.`,
  },
  openExisting: 'Open that report',
  sentTo: (superior) => `Sent to ${superior}`,
  unauthorizedBy: (superior) => `This device may no longer send reports. Enrol again with a new code from ${superior}.`,
  unenrolledWith: (superior) => `This device is not connected to ${superior}: reports are kept on this phone only.`,
  enrolWith: (superior) => `Connect to ${superior}`,
  sendsTo: (superior) => `Reports go to: ${superior}`,
  acceptedBy: (superior) => `${sentenceStart(superior)} accepted this report; it can no longer change.`,
  refusedTell: (code, superior) => `The server refused this report (code: ${code}). Edit it to try again, or tell ${superior}.`,
};
