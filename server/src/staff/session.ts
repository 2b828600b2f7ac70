import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { AppDeps } from '../deps';
import { auditContext } from '../http/context';
import { AppError } from '../http/errors';
import type { PendingEnrolment } from './enrolment';
import { DatabaseSessionStore } from './sessionStore';
import { checkStaffPassword, identityOf, recordSignOut } from './signIn';
import { findStaffIdentity } from './staffRepo';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
export const SESSION_COOKIE = 'rd.sid';

declare module 'express-session' {
  interface SessionData {
    signedInAt?: number;
    pendingMfa?: { staffId: number; until: number; attempts: number };
    /** The authenticator secret being enrolled in this session (staff/enrolment.ts), 10 minutes. */
    pendingEnrolment?: PendingEnrolment;
    /** Wrong authenticator codes typed in this signed-in session (regenerating recovery codes). */
    wrongCodes?: number;
  }
}

export function sessionMiddleware(deps: AppDeps): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: deps.keys.sessionSecret,
    store: new DatabaseSessionStore(deps.db, IDLE_TIMEOUT_MS),
    resave: false,
    saveUninitialized: false,
    // Every request pushes the idle deadline forward; the absolute deadline is checked below.
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.config.NODE_ENV === 'production',
      maxAge: IDLE_TIMEOUT_MS,
      path: '/',
    },
  });
}

export function configurePassport(deps: AppDeps) {
  const instance = new passport.Passport();
  instance.use(
    new LocalStrategy({ passReqToCallback: true }, (req, username, password, done) => {
      checkStaffPassword(deps, auditContext(req, deps), username, password).then(
        ({ member }) => done(null, member as unknown as Express.User),
        (error) => done(error),
      );
    }),
  );
  instance.serializeUser((user, done) => done(null, user.id));
  instance.deserializeUser((id: number, done) => {
    findStaffIdentity(deps.db, id).then(
      // A disabled member's live sessions stop working at their next request.
      (member) => done(null, member && !member.disabled ? identityOf(deps.config, member) : false),
      (error: unknown) => done(error),
    );
  });
  return instance;
}

/** Ends sessions older than 12 h regardless of activity. */
export function absoluteTimeout(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const started = req.session?.signedInAt;
    if (req.user && started && deps.now() - started > ABSOLUTE_TIMEOUT_MS) {
      recordSignOut(deps, auditContext(req, deps), 'expired').then(
        () =>
          req.session.destroy(() => {
            res.clearCookie(SESSION_COOKIE);
            next(AppError.unauthorized('Session expired: sign in again'));
          }),
        next,
      );
      return;
    }
    next();
  };
}

export function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

export function logIn(req: Request, user: Express.User): Promise<void> {
  // passport 0.7 regenerates the session id inside logIn: a fixated id is never promoted.
  return new Promise((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
}
