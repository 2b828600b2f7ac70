export type LoginStep = 'password' | 'code';

export type LoginProblem = {
  /** i18n key of the message to show. */
  key: string;
  /** True when the sign-in must start again from the password. */
  restart: boolean;
};

type ErrorLike = { status?: number; body?: { code?: string } };

/**
 * Turns a failed sign-in call into a translated message. Only the status (and, for the code step,
 * the server's `wrong_code`) decides; the server's English text is never shown as such.
 */
export function loginProblem(error: unknown, step: LoginStep): LoginProblem {
  const { status, body } = (error ?? {}) as ErrorLike;
  const problem = (key: string, restart = false): LoginProblem => ({
    key: `app.login.errors.${key}`,
    restart,
  });
  if (status === undefined) return problem('network');
  if (step === 'password') {
    if (status === 400) return problem('required');
    if (status === 401) return problem('wrong_credentials');
    if (status === 423) return problem('locked');
    return problem('unexpected');
  }
  if (status === 400) return problem('code_format');
  if (status === 401)
    return body?.code === 'wrong_code' ? problem('code_rejected') : problem('code_expired', true);
  if (status === 429) return problem('too_many_codes', true);
  return problem('unexpected', true);
}
