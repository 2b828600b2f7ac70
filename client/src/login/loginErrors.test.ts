import { describe, expect, it } from 'vitest';
import { loginProblem } from './loginErrors';

const http = (status: number, message = '', code?: string) => ({ status, body: { message, code } });

describe('loginProblem', () => {
  it('when the password is wrong, then it says so without restarting', () => {
    expect(loginProblem(http(401, 'Wrong username or password'), 'password')).toEqual({
      key: 'app.login.errors.wrong_credentials',
      restart: false,
    });
  });

  it('when the staff account is locked, then the lock message is shown', () => {
    expect(loginProblem(http(423), 'password').key).toBe('app.login.errors.locked');
  });

  it('when the server cannot be reached, then a network message is shown', () => {
    expect(loginProblem(new TypeError('Failed to fetch'), 'password').key).toBe('app.login.errors.network');
  });

  it('when the TOTP code is wrong, then the code can be typed again', () => {
    expect(loginProblem(http(401, 'Wrong code', 'wrong_code'), 'code')).toEqual({
      key: 'app.login.errors.code_rejected',
      restart: false,
    });
  });

  it('when the code step expired or had too many tries, then sign-in starts again', () => {
    expect(loginProblem(http(401, 'Sign in with your password first'), 'code').restart).toBe(true);
    expect(loginProblem(http(429), 'code')).toEqual({
      key: 'app.login.errors.too_many_codes',
      restart: true,
    });
  });

  it('when a recovery code is wrong or already used, then it says which and the code can be typed again', () => {
    expect(loginProblem(http(401, 'Wrong recovery code', 'wrong_code'), 'recovery')).toEqual({
      key: 'app.login.errors.recovery_rejected',
      restart: false,
    });
    expect(loginProblem(http(401, 'Used', 'recovery_code_used'), 'recovery')).toEqual({
      key: 'app.login.errors.recovery_used',
      restart: false,
    });
    expect(loginProblem(http(400), 'recovery').key).toBe('app.login.errors.recovery_format');
  });

  it('when wrong codes lock the account, then the lock is named and sign-in starts again', () => {
    expect(loginProblem(http(423), 'code')).toEqual({ key: 'app.login.errors.locked', restart: true });
  });
});
