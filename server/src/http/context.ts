import type { Request } from 'express';
import type { AuditContext } from '../audit/writer';
import type { AppDeps } from '../deps';
import type { Caller } from '../staff/actor';
import { AppError } from './errors';

declare global {
  namespace Express {
    interface User {
      id: number;
      username: string;
      fullName: string;
      role: import('../db/schema').StaffRole;
      /** Signed in with a temporary password: only the password change is open (http/routes.ts). */
      mustChangePassword: boolean;
      /** Must enrol an authenticator before anything else (docs/design.md, Staff TOTP enrolment). */
      mfaEnrolmentRequired: boolean;
    }
  }
}

export function auditContext(req: Request, deps: Pick<AppDeps, 'keys' | 'now'>): AuditContext {
  const user = req.user;
  return {
    actor: user ? { id: user.id, username: user.username, role: user.role } : null,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
    requestId: (req.res?.locals.requestId as string | undefined) ?? null,
    auditKey: deps.keys.auditKey,
    now: deps.now,
  };
}

/** The signed-in staff member, their audit context and the app's dependencies, for one request. */
export function callerOf(req: Request, deps: AppDeps): Caller {
  return { deps, ctx: auditContext(req, deps), actor: currentUser(req) };
}

export function currentUser(req: Request): Express.User {
  if (!req.user) throw AppError.unauthorized();
  return req.user;
}

export function idParam(req: Request, name = 'id'): number {
  const raw = req.params[name];
  // Plain decimal only: Number() would also read "0x10", "1e3" and " 1 " as ids.
  const id = typeof raw === 'string' && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw AppError.field(name, 'must be a positive integer');
  return id;
}
