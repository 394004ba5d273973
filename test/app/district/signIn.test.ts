import { describe, expect, it } from 'vitest';
import { DistrictApiError } from '../../../src/app/district/api';
import { signInFailure } from '../../../src/app/district/errors';
import { districtMessages } from '../../../src/app/district/messages';

const vi = districtMessages('vi');

describe('what a refused sign-in tells district staff', () => {
  it('a wrong name or password (401)', () => {
    expect(signInFailure(new DistrictApiError(401, 'unauthorized'), vi)).toEqual({
      text: 'Sai tên đăng nhập hoặc mật khẩu.',
      kind: 'wrong',
    });
  });

  it('too many attempts (429): how many seconds to wait, from the server', () => {
    expect(signInFailure(new DistrictApiError(429, 'rate_limited', undefined, 42), vi).text).toBe(
      'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 42 giây.',
    );
    expect(signInFailure(new DistrictApiError(429, 'rate_limited', undefined, 42), districtMessages('en')).text).toBe(
      'Too many failed attempts. Try again in 42 s.',
    );
  });

  it('no connection, or the server failing', () => {
    expect(signInFailure(new DistrictApiError(0, 'network'), vi).text).toBe('Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
    expect(signInFailure(new DistrictApiError(500, 'internal'), vi).text).toBe('Máy chủ đang gặp sự cố. Vui lòng thử lại sau.');
  });
});
