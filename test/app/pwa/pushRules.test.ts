import { describe, expect, it } from 'vitest';
import { isPushMoment } from '../../../src/app/pwa/PushOffer';
import { pushOffer, pushSettingState, pushSettingToRecord, type PushSituation } from '../../../src/app/pwa/pushRules';

/** An enrolled Android phone in Chrome, never asked. */
const android: PushSituation = {
  supported: true,
  permission: 'default',
  ios: false,
  standalone: false,
  inAppBrowser: false,
  enrolled: true,
  setting: undefined,
};

/** iPhone Safari in a tab: no Push API there until the app is on the home screen. */
const iphoneInSafari: PushSituation = { ...android, supported: false, ios: true };

describe('when the officer is asked about notifications', () => {
  it('asks an enrolled phone at its moment, and never outside it', () => {
    expect(pushOffer(android, true)).toBe('ask');
    expect(pushOffer(android, false)).toBe('none');
  });

  it('asks once: any kept answer ends the question', () => {
    for (const decision of ['accepted', 'refused', 'off'] as const)
      expect(pushOffer({ ...android, setting: { decision, pending: null } }, true), decision).toBe('none');
  });

  it('never asks a device that is not enrolled (a first visit), an in-app browser, or a browser without push', () => {
    expect(pushOffer({ ...android, enrolled: false }, true)).toBe('none');
    expect(pushOffer({ ...android, inAppBrowser: true }, true)).toBe('none');
    expect(pushOffer({ ...android, supported: false }, true)).toBe('none');
  });

  it('does not ask when the browser already blocks notifications', () => {
    expect(pushOffer({ ...android, permission: 'denied' }, true)).toBe('none');
  });

  it('tells an iPhone not yet on the home screen to add it first, and asks once it runs from there', () => {
    expect(pushOffer(iphoneInSafari, true)).toBe('installFirst');
    expect(pushOffer(iphoneInSafari, false)).toBe('none');
    expect(pushOffer({ ...iphoneInSafari, supported: true, standalone: true }, true)).toBe('ask');
    // Zalo on an iPhone: the in-app notice sends the officer to Safari; nothing about the home screen here.
    expect(pushOffer({ ...iphoneInSafari, inAppBrowser: true }, true)).toBe('none');
  });

  it('is the moment once a round reached the phone or a report was sent', () => {
    expect(isPushMoment([], 0)).toBe(false);
    expect(isPushMoment(['draft', 'draft'], 0)).toBe(false);
    expect(isPushMoment(['draft', 'ready'], 0)).toBe(true);
    expect(isPushMoment(['draft'], 1)).toBe(true);
  });
});

describe('a refusal the browser made', () => {
  it('is recorded (and the server told) when notifications were on or never answered', () => {
    const refusal = { decision: 'refused', pending: 'refusal' };
    expect(pushSettingToRecord({ ...android, permission: 'denied' })).toEqual(refusal);
    expect(pushSettingToRecord({ ...android, permission: 'denied', setting: { decision: 'accepted', pending: null } })).toEqual(refusal);
  });

  it('changes nothing already refused or turned off, nor anything while the browser allows', () => {
    expect(pushSettingToRecord({ ...android, permission: 'denied', setting: { decision: 'refused', pending: null } })).toBeNull();
    expect(pushSettingToRecord({ ...android, permission: 'denied', setting: { decision: 'off', pending: null } })).toBeNull();
    expect(pushSettingToRecord({ ...android, permission: 'granted' })).toBeNull();
    expect(pushSettingToRecord({ ...android, permission: 'denied', enrolled: false })).toBeNull();
  });
});

describe('what Settings says about notifications', () => {
  it('is on only when the officer accepted and the browser allows', () => {
    expect(pushSettingState({ ...android, permission: 'granted', setting: { decision: 'accepted', pending: null } })).toBe('on');
    expect(pushSettingState({ ...android, permission: 'default', setting: { decision: 'accepted', pending: null } })).toBe('off');
    expect(pushSettingState({ ...android, permission: 'granted', setting: { decision: 'off', pending: null } })).toBe('off');
    expect(pushSettingState({ ...android, setting: { decision: 'refused', pending: null } })).toBe('off');
    expect(pushSettingState(android)).toBe('off');
  });

  it('says why there is no switch', () => {
    expect(pushSettingState({ ...android, permission: 'denied' })).toBe('blocked');
    expect(pushSettingState(iphoneInSafari)).toBe('installFirst');
    expect(pushSettingState({ ...android, inAppBrowser: true })).toBe('inAppBrowser');
    expect(pushSettingState({ ...android, supported: false })).toBe('unsupported');
    expect(pushSettingState({ ...android, enrolled: false })).toBe('unenrolled');
  });
});
