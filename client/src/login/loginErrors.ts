export type LoginStep = 'password' | 'code' | 'recovery';

export type LoginProblem = {
  /** i18n key of the message to show. */
  key: string;
  /** True when the sign-in must start again from the password. */
  restart: boolean;
};

type ErrorLike = { status?: number; body?: { code?: string } };

/**
 * Turns a failed sign-in call into a translated message. Only the status (and, for the code steps,
 * the server's `wrong_code` / `recovery_code_used`) decides; the server's English text is never shown as such.
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
  const recovery = step === 'recovery';
  if (status === 400) return problem(recovery ? 'recovery_format' : 'code_format');
  if (status === 401 && body?.code === 'wrong_code')
    return problem(recovery ? 'recovery_rejected' : 'code_rejected');
  if (status === 401 && body?.code === 'recovery_code_used') return problem('recovery_used');
  if (status === 401) return problem('code_expired', true);
  if (status === 423) return problem('locked', true);
  if (status === 429) return problem('too_many_codes', true);
  return problem('unexpected', true);
}
