import { describe, expect, it } from 'vitest';
import { secretIn } from '../src/policy/secretText';

describe('secret text in case notes (pure)', () => {
  it.each([
    ['the code is 483920', 'one_time_code'],
    ['caller read 483 920 to me', 'one_time_code'],
    ['验证码是４８３９２０', 'one_time_code'],
    ['code 48-39-20', 'one_time_code'],
    ['password: Hunter2!', 'password'],
    ['Password is hunter22', 'password'],
    ['pwd=abc$def', 'password'],
    ['密码是abc12345', 'password'],
    ['密码：qwerty!', 'password'],
    ['card 4111 1111 1111 1111 was charged', 'card_number'],
    ['4111-1111-1111-1111', 'card_number'],
    ['卡号5500005555555559', 'card_number'],
  ])('when a note says %j, then it is refused as %s', (text, kind) => {
    expect(secretIn(text)).toBe(kind);
  });

  it.each([
    'Caller says the password is wrong, locked since Monday',
    '密码错误五次，账户被冻结',
    'Paid 1,234.56 to a shop on 2024-05-06; amount 123456.00 confirmed',
    'Phone +86 138 0013 8000 matches, born 19900305',
    'Account OK1234567890, last 4 of ID 1234',
    'Card ending 1111 (not a full number: 4111 1111 1111 1112 fails Luhn)',
    'Reset link sent; caller will set a new password',
    'Customer wants a pin reset next week',
  ])('when a note says %j, then it is kept', (text) => {
    expect(secretIn(text)).toBeNull();
  });
});
