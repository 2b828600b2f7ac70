import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Staff } from '../db/tables';
import type { AppDeps } from '../deps';
import { auditContext, callerOf, currentUser } from '../http/context';
import { AppError, parse } from '../http/errors';
import {
  AGENTS_AND_SUPERVISORS,
  defineRoutes,
  ENROLLING,
  PUBLIC,
  SIGNED_IN_BEFORE_PASSWORD_CHANGE,
} from '../http/routes';
import { confirmEnrolment, type EnrolmentDone, regenerateRecoveryCodes, startEnrolment } from './enrolment';
import { changeOwnPassword, MIN_STAFF_PASSWORD } from './passwordChange';
import type { configurePassport } from './session';
import { destroySession, logIn, regenerate, SESSION_COOKIE } from './session';
import {
  checkMfa,
  checkRecoveryCode,
  completeSignIn,
  enrolledSource,
  identityOf,
  MAX_MFA_ATTEMPTS,
  MFA_WINDOW_MS,
  recordSignOut,
  type SignInMethod,
} from './signIn';
import { findStaffById } from './staffRepo';

const LoginBody = z.object({
  username: z.string().trim().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(256),
});
const EmptyBody = z.object({}).strict();
const PasswordBody = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(256),
    newPassword: z
      .string()
      .min(MIN_STAFF_PASSWORD, `must be at least ${MIN_STAFF_PASSWORD} characters`)
      .max(256),
  })
  .strict();
const totpCodeField = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be 6 digits');
const CodeBody = z.object({ code: totpCodeField });
// The code step takes the authenticator's code or, instead, one recovery code (docs/design.md, Staff TOTP).
const MfaBody = z
  .object({
    code: totpCodeField.optional(),
    recoveryCode: z.string().trim().min(1, 'is required').max(32).optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: 'give either code or recoveryCode',
    path: ['code'],
  });
/** Wrong codes one signed-in session may type when regenerating recovery codes before it is ended. */
const MAX_WRONG_CODES_IN_SESSION = 5;

function authenticate(
  passport: ReturnType<typeof configurePassport>,
  req: Request,
  res: Response,
): Promise<Staff> {
  return new Promise((resolve, reject) => {
    passport.authenticate('local', { session: false }, (err: unknown, user: unknown) => {
      if (err) return reject(err);
      if (!user) return reject(AppError.unauthorized('Wrong username or password'));
      resolve(user as Staff);
    })(req, res, (err: unknown) => reject(err));
  });
}

export function authRoutes(deps: AppDeps, passport: ReturnType<typeof configurePassport>) {
  const ctx = (req: Request) => auditContext(req, deps);

  async function finish(req: Request, member: Staff, method: SignInMethod) {
    const identity = identityOf(deps.config, enrolledSource(member));
    await logIn(req, identity);
    req.session.signedInAt = deps.now();
    await completeSignIn(deps, ctx(req), member, method);
    return identity;
  }

  return defineRoutes([
    {
      method: 'post',
      path: '/auth/login',
      access: PUBLIC,
      handler: async (req, res) => {
        parse(LoginBody, req.body);
        const member = await authenticate(passport, req, res);
        if (member.totpSecret) {
          // Password is right but the session is not signed in until the TOTP code arrives.
          await regenerate(req);
          req.session.pendingMfa = { staffId: member.id, until: deps.now() + MFA_WINDOW_MS, attempts: 0 };
          return { mfaRequired: true };
        }
        return finish(req, member, 'password');
      },
    },
    {
      method: 'post',
      path: '/auth/mfa',
      access: PUBLIC,
      handler: async (req) => {
        const { code, recoveryCode } = parse(MfaBody, req.body);
        const pending = req.session.pendingMfa;
        if (!pending || pending.until < deps.now())
          throw AppError.unauthorized('Sign in with your password first');
        pending.attempts++;
        if (pending.attempts > MAX_MFA_ATTEMPTS) {
          delete req.session.pendingMfa;
          throw AppError.tooMany('Too many wrong codes: sign in again');
        }
        if (recoveryCode !== undefined) {
          const member = await checkRecoveryCode(deps, ctx(req), pending.staffId, recoveryCode);
          delete req.session.pendingMfa;
          return finish(req, member, 'password+recovery_code');
        }
        const member = await checkMfa(deps, ctx(req), pending.staffId, code ?? '');
        delete req.session.pendingMfa;
        return finish(req, member, 'password+totp');
      },
    },
    {
      // docs/design.md, Staff TOTP enrolment: a signed-in member without an authenticator gets a secret.
      method: 'post',
      path: '/auth/enrolment',
      access: ENROLLING,
      handler: async (req) => {
        parse(EmptyBody, req.body);
        const { pending, answer } = await startEnrolment(callerOf(req, deps), req.session.pendingEnrolment);
        req.session.pendingEnrolment = pending;
        return answer;
      },
    },
    {
      method: 'post',
      path: '/auth/enrolment/confirm',
      access: ENROLLING,
      handler: async (req) => {
        const { code } = parse(CodeBody, req.body);
        const { recoveryCodes } = await confirmEnrolment(
          callerOf(req, deps),
          req.session.pendingEnrolment,
          code,
        );
        // More is open now: a new session id, as at every sign-in, keeping the 12-hour deadline.
        const member = await findStaffById(deps.db, currentUser(req).id);
        if (!member) throw AppError.unauthorized();
        const identity = identityOf(deps.config, enrolledSource(member));
        const signedInAt = req.session.signedInAt;
        await logIn(req, identity);
        req.session.signedInAt = signedInAt;
        return { identity, recoveryCodes } satisfies EnrolmentDone;
      },
    },
    {
      // Ten new recovery codes for a fresh authenticator code; wrong codes end the session after five.
      method: 'post',
      path: '/auth/recovery-codes',
      access: AGENTS_AND_SUPERVISORS,
      handler: async (req, res) => {
        const { code } = parse(CodeBody, req.body);
        try {
          return await regenerateRecoveryCodes(callerOf(req, deps), code);
        } catch (error) {
          if (error instanceof AppError && error.extra.reason) {
            req.session.wrongCodes = (req.session.wrongCodes ?? 0) + 1;
            if (req.session.wrongCodes >= MAX_WRONG_CODES_IN_SESSION) {
              await recordSignOut(deps, ctx(req), 'wrong_codes');
              await destroySession(req);
              res.clearCookie(SESSION_COOKIE, { path: '/' });
              throw AppError.unauthorized('Too many wrong codes: sign in again');
            }
          }
          throw error;
        }
      },
    },
    {
      method: 'post',
      path: '/auth/logout',
      access: SIGNED_IN_BEFORE_PASSWORD_CHANGE,
      handler: async (req, res) => {
        await recordSignOut(deps, ctx(req));
        await destroySession(req);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        // Nothing returned: defineRoutes answers 204.
      },
    },
    {
      method: 'get',
      path: '/auth/me',
      access: SIGNED_IN_BEFORE_PASSWORD_CHANGE,
      handler: (req) => req.user,
    },
    {
      // The member's own password; the only way past a temporary one (docs/design.md, Staff lifecycle).
      method: 'post',
      path: '/auth/password',
      access: SIGNED_IN_BEFORE_PASSWORD_CHANGE,
      handler: async (req) => {
        const body = parse(PasswordBody, req.body);
        const identity = await changeOwnPassword(callerOf(req, deps), body);
        await logIn(req, identity);
        return identity;
      },
    },
  ]);
}
