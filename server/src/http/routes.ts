import { type Request, type RequestHandler, type Response, Router } from 'express';
import type { StaffRole } from '../db/schema';
import { AppError } from './errors';

/**
 * Who may call a route. There is no default: a route must say, and `public` exists only for
 * sign-in, health and the customer-facing wallet endpoints.
 */
export type Access =
  | { public: true }
  | {
      roles: readonly [StaffRole, ...StaffRole[]];
      /**
       * Open to a member still holding a temporary password (docs/design.md, Staff lifecycle). Every
       * other route refuses them until they choose their own: whoever read the temporary password
       * over someone's shoulder gets no further than the password change.
       */
      beforePasswordChange?: true;
      /**
       * Open to a member who must enrol an authenticator and has not (docs/design.md, Staff TOTP enrolment):
       * a supervisor signed in with a password alone reaches nothing but enrolment, who-am-I and sign-out.
       */
      beforeEnrolment?: true;
    };

export const PUBLIC: Access = { public: true };
export const AGENTS_AND_SUPERVISORS: Access = { roles: ['agent', 'supervisor'] };
export const SUPERVISORS: Access = { roles: ['supervisor'] };
/** Who am I, sign out, change my password: what a member with a temporary password may do. */
export const SIGNED_IN_BEFORE_PASSWORD_CHANGE: Access = {
  roles: ['agent', 'supervisor'],
  beforePasswordChange: true,
  beforeEnrolment: true,
};
/** Enrolling an authenticator: after the password is the member's own, before anything else. */
export const ENROLLING: Access = { roles: ['agent', 'supervisor'], beforeEnrolment: true };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type RouteDef = {
  method: Method;
  path: string;
  access: Access;
  /** The success status when it is not 200: 201 for a created resource, 202 for queued work. */
  status?: 201 | 202;
  handler: (req: Request, res: Response) => unknown;
};

export function requireAccess(access: Access): RequestHandler {
  if (!access || (!('public' in access) && !(access.roles?.length > 0))) {
    throw new Error('route declared without access rule');
  }
  return (req, _res, next) => {
    if ('public' in access) return next();
    const user = req.user;
    if (!user) return next(AppError.unauthorized());
    if (user.mustChangePassword && !access.beforePasswordChange) {
      return next(
        AppError.forbidden('password_change_required', 'Choose a new password first', ['password:changed']),
      );
    }
    if (user.mfaEnrolmentRequired && !access.beforeEnrolment) {
      return next(
        AppError.forbidden('mfa_enrolment_required', 'Set up your authenticator first', ['mfa:enrolled']),
      );
    }
    if (!access.roles.includes(user.role)) {
      return next(
        AppError.forbidden(
          'role_required',
          `Requires role: ${access.roles.join(' or ')}`,
          access.roles.map((role) => `role:${role}`),
        ),
      );
    }
    next();
  };
}

/** Every route defineRoutes has made, by "METHOD /path": the route-inventory test walks them all. */
const declared = new Map<string, Pick<RouteDef, 'method' | 'path' | 'access'>>();
export const declaredRoutes = () => [...declared.values()];

/** The only way routes are added: each one carries its access rule, checked before its handler runs. */
export function defineRoutes(defs: RouteDef[]): Router {
  const router = Router();
  for (const def of defs) {
    declared.set(`${def.method.toUpperCase()} ${def.path}`, {
      method: def.method,
      path: def.path,
      access: def.access,
    });
    router[def.method](def.path, requireAccess(def.access), async (req, res) => {
      const result = await def.handler(req, res);
      if (!res.headersSent) {
        if (result === undefined) res.status(204).end();
        else res.status(def.status ?? 200).json(result);
      }
    });
  }
  return router;
}
