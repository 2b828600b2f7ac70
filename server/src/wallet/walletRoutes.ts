import type { Request } from 'express';
import { z } from 'zod';
import { TOKEN_PURPOSES } from '../db/schema';
import type { AppDeps } from '../deps';
import { auditContext } from '../http/context';
import { AppError, parse } from '../http/errors';
import { defineRoutes, PUBLIC } from '../http/routes';
import { reserveAttempt, type ThrottleRule } from '../staff/throttleRepo';
import { deviceLabel } from './deviceLabel';
import { requestPasswordResetByCustomer } from './forgotPassword';
import { MIN_PASSWORD_LENGTH, redeemPasswordReset } from './passwordReset';
import { UNKNOWN_COUNTRY } from './signInPolicy';
import { tokenState } from './tokens';
import { walletSignIn } from './walletSignIn';

export const WALLET_ATTEMPTS_PER_MINUTE = 30;
/**
 * Per network and route, a fixed window counted in the database (staff/throttleRepo.ts), so it holds
 * across every server instance. It only slows down password guessing; the account lock policy does the rest.
 */
export const WALLET_PER_NETWORK: ThrottleRule = { limit: WALLET_ATTEMPTS_PER_MINUTE, windowMs: 60_000 };

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
  // Counted after the body parses (bad input changes nothing), in one UPSERT … RETURNING, so parallel
  // requests are each counted without a transaction.
  const limited = async (req: Request, route: string) => {
    const key = `wallet-net:${route}:${req.ip ?? 'unknown'}`;
    const { attempt } = await reserveAttempt(deps.db, key, WALLET_PER_NETWORK, deps.now());
    if (attempt > WALLET_PER_NETWORK.limit) {
      throw AppError.tooMany('Too many attempts from this network: wait a minute and try again');
    }
  };

  return defineRoutes([
    {
      method: 'post',
      path: '/wallet/login',
      access: PUBLIC,
      handler: async (req) => {
        const body = parse(LoginBody, req.body);
        await limited(req, 'login');
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
      handler: async (req) => {
        const body = parse(ResetBody, req.body);
        await limited(req, 'password-reset');
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
        const { token, purpose } = parse(TokenStatusBody, req.body);
        await limited(req, 'token-status');
        return { status: await tokenState(deps.db, token, purpose, deps.now()) };
      },
    },
  ]);
}
