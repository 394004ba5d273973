/**
 * When the officer is asked about notifications, and what Settings says about them: pure rules over
 * what the browser and the device know (src/app/pwa/push.ts gathers them). No browser API here.
 */
import type { PushSetting } from '../db';

export interface PushSituation {
  /** Service workers, the Push API and notifications all exist in this browser. */
  supported: boolean;
  /** `Notification.permission`. */
  permission: NotificationPermission;
  /** An iPhone or iPad; there, push needs the app added to the home screen (iOS 16.4). */
  ios: boolean;
  /** Running from the home screen. */
  standalone: boolean;
  /** Zalo, Facebook and the like: no notifications there (the in-app notice sends them to the real browser). */
  inAppBrowser: boolean;
  /** The device has a server and a device token: there is someone to subscribe with. */
  enrolled: boolean;
  /** The answer kept on the device; undefined before the officer was ever asked. */
  setting: PushSetting | undefined;
}

/** `ask`: the question; `installFirst`: an iPhone in Safari is told to add the app to the home screen first. */
export type PushOffer = 'none' | 'ask' | 'installFirst';

/**
 * Whether to show the question now. `moment` is true after the officer's first send or once a round has
 * reached the phone: never on merely opening the app (a first visit is also not enrolled yet). Asked
 * once: any kept answer (yes, no, turned off) ends the question, and a browser that already blocks
 * notifications is not asked (pushSettingToRecord records that refusal).
 */
export function pushOffer(situation: PushSituation, moment: boolean): PushOffer {
  if (!moment || !situation.enrolled || situation.setting || situation.inAppBrowser) return 'none';
  if (situation.ios && !situation.standalone) return 'installFirst';
  if (!situation.supported || situation.permission === 'denied') return 'none';
  return 'ask';
}

/**
 * What the device must keep (and tell the server) without asking: the browser blocks notifications
 * while the officer's answer is not a refusal (they blocked it in the browser's settings, or before
 * ever being asked). Null: nothing to record.
 */
export function pushSettingToRecord(situation: PushSituation): PushSetting | null {
  if (!situation.enrolled || !situation.supported || situation.permission !== 'denied') return null;
  if (situation.setting?.decision === 'refused' || situation.setting?.decision === 'off') return null;
  return { decision: 'refused', pending: 'refusal' };
}

/**
 * What Settings shows: `on`/`off` with a switch; `blocked` (the browser denies it: only the browser's
 * site settings can change that); `installFirst`, `inAppBrowser`, `unsupported`, `unenrolled` explain
 * why there is no switch.
 */
export type PushSettingState = 'on' | 'off' | 'blocked' | 'installFirst' | 'inAppBrowser' | 'unsupported' | 'unenrolled';

export function pushSettingState(situation: PushSituation): PushSettingState {
  if (situation.inAppBrowser) return 'inAppBrowser';
  if (situation.ios && !situation.standalone) return 'installFirst';
  if (!situation.supported) return 'unsupported';
  if (!situation.enrolled) return 'unenrolled';
  if (situation.permission === 'denied') return 'blocked';
  return situation.setting?.decision === 'accepted' && situation.permission === 'granted' ? 'on' : 'off';
}
