/** What a refused account action tells the member, beside which field; and how a session's browser is named. */
import { describe, expect, it } from 'vitest';
import { accountMessages } from '../../../../src/app/staff/account/messages';
import { accountRefusal } from '../../../../src/app/staff/account/refusals';
import { browserName } from '../../../../src/app/staff/account/SessionsList';
import { StaffApiError } from '../../../../src/app/staff/api';
import { staffMessages } from '../../../../src/app/staff/messages';

const a = accountMessages('vi');
const m = staffMessages('vi');
const refused = (path: string, code: string) => new StaffApiError(422, 'validation_failed', [{ path, code, message: 'English for logs' }]);

describe('the refusals of the account screen', () => {
  it('names the rule a new password broke, beside its field', () => {
    expect(accountRefusal(refused('newPassword', 'common'), a, m)).toEqual({ field: 'newPassword', text: 'Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.' });
    expect(accountRefusal(refused('newPassword', 'too_short'), a, m).text).toBe('Mật khẩu phải có ít nhất 10 ký tự.');
    expect(accountRefusal(refused('temporaryPassword', 'same_as_username'), a, m)).toEqual({ field: 'temporaryPassword', text: 'Mật khẩu không được trùng với tên đăng nhập.' });
    expect(accountRefusal(refused('currentPassword', 'wrong_password'), a, m)).toEqual({ field: 'currentPassword', text: 'Mật khẩu không đúng.' });
    expect(accountRefusal(refused('code', 'wrong_code'), accountMessages('en'), staffMessages('en')).text).toBe(
      'The code is wrong or was used already. Enter the new code from the authenticator app.',
    );
  });

  it('says how long to wait after too many wrong tries, and what else went wrong', () => {
    expect(accountRefusal(new StaffApiError(429, 'rate_limited', undefined, 75), a, m)).toEqual({ field: null, text: 'Nhập sai quá nhiều lần. Vui lòng thử lại sau 75 giây.' });
    expect(accountRefusal(new StaffApiError(0, 'network'), a, m).text).toBe('Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
    expect(accountRefusal(refused('x', 'something_new'), a, m).text).toBe('Thông tin chưa hợp lệ.');
  });
});

describe('a session’s browser, as the list names it', () => {
  it('tells the usual browsers and systems apart, and says when it does not know', () => {
    expect(browserName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', '?')).toBe('Chrome · Windows');
    expect(browserName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0', '?')).toBe('Edge · Windows');
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0', '?')).toBe('Firefox · Linux');
    expect(browserName('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', '?')).toBe('Safari · iOS');
    expect(browserName(null, 'Không rõ')).toBe('Không rõ');
    expect(browserName('curl/8.5', 'Không rõ')).toBe('Không rõ');
  });
});
