import type { Request } from 'express';
import { z } from 'zod';
import { TOKEN_PURPOSES } from '../db/schema';
import type { AppDeps } from '../deps';
import { auditContext } from '../http/context';
import { AppError, parse } from '../http/errors';
import { defineRoutes, PUBLIC } from '../http/routes';
import { deviceLabel } from './deviceLabel';
import { requestPasswordResetByCustomer } from './forgotPassword';
import { MIN_PASSWORD_LENGTH, redeemPasswordReset } from './passwordReset';
import { UNKNOWN_COUNTRY } from './signInPolicy';
import { tokenState } from './tokens';
import { walletSignIn } from './walletSignIn';

export const WALLET_ATTEMPTS_PER_MINUTE = 30;

const LoginBody = z.object({
  login: z.string().trim().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(256),
});

const ResetBody = z.object({
  token: z.string().trim().min(1, 'is required').max(256),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, 'must be at most 256 characters'),
});

const ForgotBody = z
  .object({
    login: z.string().trim().min(1, 'is required').max(254),
    channel: z.enum(['email', 'sms']),
  })
  .strict();

// In the body, never the URL: a token in a query string ends up in proxy logs and browser history.
const TokenStatusBody = z
  .object({
    token: z.string().trim().min(1, 'is required').max(256),
    purpose: z.enum(TOKEN_PURPOSES),
  })
  .strict();

/**
 * A small in-memory fixed-window counter per key (an IP). One process serves the app, so memory
 * is enough; it only slows down password guessing, the account lock policy does the rest.
 */
function fixedWindowLimiter(limit: number, windowMs: number, now: () => number) {
  const windows = new Map<string, { start: number; count: number }>();
  const MAX_KEYS = 10_000;
  return function allow(key: string): boolean {
    const t = now();
    if (windows.size > MAX_KEYS) {
      for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
    }
    const current = windows.get(key);
    if (!current || t - current.start >= windowMs) {
      windows.set(key, { start: t, count: 1 });
      return true;
    }
    current.count++;
    return current.count <= limit;
  };
}

/**
 * The sign-in country. We hold no GeoIP database: the edge proxy in front of the app looks the
 * client IP up and sets X-Geo-Country (ISO 3166-1 alpha-2), overwriting whatever the client sent.
 * Anything that is not two capital letters reads as ZZ (unknown), which the policy never treats
 * as "another country".
 */
function geoCountry(req: Request): string {
  const raw = req.get('x-geo-country')?.trim().toUpperCase() ?? '';
  return /^[A-Z]{2}$/.test(raw) ? raw : UNKNOWN_COUNTRY;
}

/** The customer-facing wallet endpoints: public, since customers have no staff session. */
export function walletRoutes(deps: AppDeps) {
  const allow = fixedWindowLimiter(WALLET_ATTEMPTS_PER_MINUTE, 60_000, deps.now);
  const limited = (req: Request, route: string) => {
    if (!allow(`${route}:${req.ip ?? 'unknown'}`)) {
      throw AppError.tooMany('Too many attempts from this network: wait a minute and try again');
    }
  };

  return defineRoutes([
    {
      method: 'post',
      path: '/wallet/login',
      access: PUBLIC,
      handler: (req) => {
        limited(req, 'login');
        const body = parse(LoginBody, req.body);
        return walletSignIn(deps, auditContext(req, deps), {
          ...body,
          ip: req.ip ?? 'unknown',
          device: deviceLabel(req.get('user-agent')),
          country: geoCountry(req),
        });
      },
    },
    {
      method: 'post',
      path: '/wallet/password-reset',
      access: PUBLIC,
      handler: (req) => {
        limited(req, 'password-reset');
        const body = parse(ResetBody, req.body);
        return redeemPasswordReset(deps, auditContext(req, deps), body);
      },
    },
    {
      // Same answer and time for every login (docs/design.md, Self-service password reset); limits live in the database.
      method: 'post',
      path: '/wallet/forgot-password',
      access: PUBLIC,
      status: 202,
      handler: (req) => {
        const body = parse(ForgotBody, req.body);
        return requestPasswordResetByCustomer(deps, auditContext(req, deps), {
          ...body,
          ip: req.ip ?? 'unknown',
        });
      },
    },
    {
      // The customer pages ask before showing a form: a spent or expired link says so at once.
      method: 'post',
      path: '/wallet/token-status',
      access: PUBLIC,
      handler: async (req) => {
        limited(req, 'token-status');
        const { token, purpose } = parse(TokenStatusBody, req.body);
        return { status: await tokenState(deps.db, token, purpose, deps.now()) };
      },
    },
  ]);
}
