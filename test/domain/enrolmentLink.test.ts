import { describe, expect, it } from 'vitest';
import { enrolmentLink, parseEnrolmentLink } from '../../src/domain/enrolmentLink';

describe('the enrolment link a QR code holds', () => {
  it('carries the server address and the code to the enrolment screen', () => {
    const link = enrolmentLink('https://baocao.tayninh.vn/', 'https://baocao.tayninh.vn', 'K7QF-M2XP');
    expect(link).toBe('https://baocao.tayninh.vn/#/enrol?server=https%3A%2F%2Fbaocao.tayninh.vn&code=K7QF-M2XP');
    expect(parseEnrolmentLink(link)).toEqual({ serverUrl: 'https://baocao.tayninh.vn', code: 'K7QF-M2XP' });
    expect(parseEnrolmentLink('#/enrol?server=http%3A%2F%2F127.0.0.1%3A8080&code=k7qf-m2xp')).toEqual({
      serverUrl: 'http://127.0.0.1:8080',
      code: 'k7qf-m2xp',
    });
  });

  it('takes a bare code, and refuses any other QR code', () => {
    expect(parseEnrolmentLink(' k7qf m2xp ')).toEqual({ serverUrl: '', code: 'K7QF M2XP' });
    expect(parseEnrolmentLink('https://shop.example/pay?amount=100')).toBeNull();
    expect(parseEnrolmentLink('https://baocao.tayninh.vn/#/report/1')).toBeNull();
    expect(parseEnrolmentLink('#/enrol?server=javascript%3Aalert(1)')).toBeNull();
    expect(parseEnrolmentLink('#/enrol?server=javascript%3Aalert(1)&code=K7QF-M2XP')).toEqual({ serverUrl: '', code: 'K7QF-M2XP' });
  });
});
