import type { Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf, idParam } from '../http/context';
import { parse } from '../http/errors';
import { AGENTS_AND_SUPERVISORS, defineRoutes, type RouteDef } from '../http/routes';
import { ChangeBody, ReadBody } from './commandSchemas';
import {
  emailHint,
  holdAccount,
  revealContact,
  sendPasswordReset,
  signOutDevice,
  signOutDevices,
  unlockAccount,
} from './commands';

const Change = ChangeBody.strict();
const Reveal = ReadBody.extend({ field: z.enum(['email', 'phone']) }).strict();
const Reset = ReadBody.extend({ channel: z.enum(['email', 'sms']) }).strict();
const Hint = ReadBody.strict();

export function commandRoutes(deps: AppDeps) {
  const caller = (req: Request) => callerOf(req, deps);
  const command = (path: string, handler: (req: Request) => unknown, status?: 202): RouteDef => ({
    method: 'post',
    path: `/accounts/:id/${path}`,
    access: AGENTS_AND_SUPERVISORS,
    status,
    handler,
  });
  return defineRoutes([
    command('unlock', (req) => unlockAccount(caller(req), idParam(req), parse(Change, req.body))),
    command('hold', (req) => holdAccount(caller(req), idParam(req), parse(Change, req.body))),
    command('sign-out-devices', (req) => signOutDevices(caller(req), idParam(req), parse(Change, req.body))),
    command('devices/:deviceId/sign-out', (req) =>
      signOutDevice(caller(req), idParam(req), idParam(req, 'deviceId'), parse(Change, req.body)),
    ),
    command('reveal', (req) => revealContact(caller(req), idParam(req), parse(Reveal, req.body))),
    command('email-hint', (req) => emailHint(caller(req), idParam(req), parse(Hint, req.body))),
    // Queued: the link reaches the customer when the message is delivered.
    command(
      'password-reset',
      (req) => sendPasswordReset(caller(req), idParam(req), parse(Reset, req.body)),
      202,
    ),
  ]);
}
