import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Staff } from '../db/schema';
import type { AppDeps } from '../deps';
import { auditContext, callerOf } from '../http/context';
import { AppError, parse } from '../http/errors';
import { defineRoutes, PUBLIC, SIGNED_IN_BEFORE_PASSWORD_CHANGE } from '../http/routes';
import { changeOwnPassword, MIN_STAFF_PASSWORD } from './passwordChange';
import type { configurePassport } from './session';
import { destroySession, logIn, regenerate, SESSION_COOKIE } from './session';
import {
  checkMfa,
  completeSignIn,
  identityOf,
  MAX_MFA_ATTEMPTS,
  MFA_WINDOW_MS,
  recordSignOut,
} from './signIn';

const LoginBody = z.object({
  username: z.string().trim().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(256),
});
const PasswordBody = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(256),
    newPassword: z
      .string()
      .min(MIN_STAFF_PASSWORD, `must be at least ${MIN_STAFF_PASSWORD} characters`)
      .max(256),
  })
  .strict();
const MfaBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be 6 digits'),
});

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

  async function finish(req: Request, member: Staff, method: 'password' | 'password+totp') {
    await logIn(req, identityOf(member));
    req.session.signedInAt = deps.now();
    completeSignIn(deps, ctx(req), member, method);
    return identityOf(member);
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
        const { code } = parse(MfaBody, req.body);
        const pending = req.session.pendingMfa;
        if (!pending || pending.until < deps.now())
          throw AppError.unauthorized('Sign in with your password first');
        pending.attempts++;
        if (pending.attempts > MAX_MFA_ATTEMPTS) {
          delete req.session.pendingMfa;
          throw AppError.tooMany('Too many wrong codes: sign in again');
        }
        const member = checkMfa(deps, ctx(req), pending.staffId, code);
        delete req.session.pendingMfa;
        return finish(req, member, 'password+totp');
      },
    },
    {
      method: 'post',
      path: '/auth/logout',
      access: SIGNED_IN_BEFORE_PASSWORD_CHANGE,
      handler: async (req, res) => {
        recordSignOut(deps, ctx(req));
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
