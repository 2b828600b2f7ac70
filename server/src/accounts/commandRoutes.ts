import type { Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { auditContext, currentUser, idParam } from '../http/context';
import { parse } from '../http/errors';
import { AGENTS_AND_SUPERVISORS, defineRoutes } from '../http/routes';
import {
  emailHint,
  holdAccount,
  revealContact,
  sendPasswordReset,
  signOutDevices,
  unlockAccount,
} from './commands';

const caseId = z.number().int().positive();
const reason = z.string().trim().min(5).max(500);
const version = z.number().int().positive();

/** Commands that change the account take the version the agent saw; the read-only ones may. */
const Change = z.object({ caseId, reason, version }).strict();
const Read = z.object({ caseId, reason, version: version.optional() });
const Reveal = Read.extend({ field: z.enum(['email', 'phone']) }).strict();
const Reset = Read.extend({ channel: z.enum(['email', 'sms']) }).strict();
const Hint = Read.strict();

export function commandRoutes(deps: AppDeps) {
  const caller = (req: Request) => ({
    deps,
    ctx: auditContext(req, deps),
    actor: currentUser(req),
    accountId: idParam(req),
  });
  const command = (path: string, handler: (req: Request) => unknown) => ({
    method: 'post' as const,
    path: `/accounts/:id/${path}`,
    access: AGENTS_AND_SUPERVISORS,
    handler,
  });
  return defineRoutes([
    command('unlock', (req) => unlockAccount(caller(req), parse(Change, req.body))),
    command('hold', (req) => holdAccount(caller(req), parse(Change, req.body))),
    command('sign-out-devices', (req) => signOutDevices(caller(req), parse(Change, req.body))),
    command('reveal', (req) => revealContact(caller(req), parse(Reveal, req.body))),
    command('email-hint', (req) => emailHint(caller(req), parse(Hint, req.body))),
    {
      ...command('password-reset', () => undefined),
      handler: (req, res) => {
        const sent = sendPasswordReset(caller(req), parse(Reset, req.body));
        res.status(202).json(sent);
      },
    },
  ]);
}
