import type { AuditContext } from '../audit/writer';
import type { StaffRole } from '../db/schema';
import type { AppDeps } from '../deps';

/**
 * The staff member behind a request: whom the action policy judges and the audit trail names.
 * Code that needs less takes `Pick<Actor, 'id' | 'role'>`, never a type of its own.
 */
export type Actor = { id: number; username: string; role: StaffRole };

/** Everything a domain function needs to know about the request it serves: built once per request. */
export type Caller = { deps: AppDeps; ctx: AuditContext; actor: Actor };
