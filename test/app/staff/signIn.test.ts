import { describe, expect, it } from 'vitest';
import { StaffApiError } from '../../../src/app/staff/api';
import { signInFailure } from '../../../src/app/staff/errors';
import { staffMessages } from '../../../src/app/staff/messages';

const vi = staffMessages('vi');

describe('what a refused sign-in tells the staff of an upper-level union', () => {
  it('a wrong name or password (401)', () => {
    expect(signInFailure(new StaffApiError(401, 'unauthorized'), vi)).toEqual({
      text: 'Sai tên đăng nhập hoặc mật khẩu.',
      kind: 'wrong',
    });
  });

  it('too many attempts (429): how many seconds to wait, from the server', () => {
    expect(signInFailure(new StaffApiError(429, 'rate_limited', undefined, 42), vi).text).toBe(
      'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 42 giây.',
    );
    expect(signInFailure(new StaffApiError(429, 'rate_limited', undefined, 42), staffMessages('en')).text).toBe(
      'Too many failed attempts. Try again in 42 s.',
    );
  });

  it('no connection, or the server failing', () => {
    expect(signInFailure(new StaffApiError(0, 'network'), vi).text).toBe('Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
    expect(signInFailure(new StaffApiError(500, 'internal'), vi).text).toBe('Máy chủ đang gặp sự cố. Vui lòng thử lại sau.');
  });
});
