/**
 * What every staff screen is handed by StaffApp: the texts, who is signed in and where, and what to do
 * when the server ends the session; and the period a screen shows. Types only, in a module of their
 * own, so that a screen depends on them and not on StaffApp, which imports every screen.
 */
import type { PeriodKind } from '../../domain/period';
import type { StaffMe } from '../../domain/staff';
import type { StaffMessages } from './messages';
import type { StaffPlace } from './permissions';

export interface StaffContext {
  m: StaffMessages;
  /** Who is signed in, and their node (the top of what they see). */
  me: StaffMe;
  place: StaffPlace;
  /** The server said the session is over: back to sign in, with a message. */
  onSessionEnded: () => void;
}

export interface PeriodChoice {
  year: number;
  kind: PeriodKind;
}
