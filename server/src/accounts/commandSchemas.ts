import { z } from 'zod';

/**
 * The body parts every action shares (docs/design.md, Action policy): the case it is done under,
 * the written reason that goes into its audit row, and the account version the agent saw. Account
 * commands, email changes, message resends and supervisors' case decisions all parse these.
 */

export const reason = z.string().trim().min(5).max(500);
export const caseId = z.number().int().positive();
export const version = z.number().int().positive();

/** A command that changes the account names the version the agent saw (a stale one is 409). */
export const ChangeBody = z.object({ caseId, reason, version });
/** A command that only reads or sends may leave the version out. */
export const ReadBody = ChangeBody.extend({ version: version.optional() });
/** A decision without a case of its own (approve, reject, unfreeze): only the reason. */
export const ReasonBody = z.object({ reason }).strict();
