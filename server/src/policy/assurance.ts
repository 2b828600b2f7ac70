import { FREEZE_AFTER_MISMATCHES } from '../../../shared/domain';
import type { VerificationFactor } from '../db/schema';

/**
 * Assurance levels of a case (docs/design.md, Verification levels). Pure: the checks of a case in, a level and the freeze out.
 * Identifying factors are public and breachable, so two of them only reach L1; L2 and L3 need
 * something an impostor with a leaked profile does not have.
 */

export const IDENTIFYING_FACTORS = [
  'full_name',
  'date_of_birth',
  'phone',
  'email',
  'national_id_last4',
] as const satisfies readonly VerificationFactor[];
export const KNOWLEDGE_FACTORS = ['recent_transaction'] as const satisfies readonly VerificationFactor[];
export const POSSESSION_FACTORS = ['sms_otp', 'email_otp'] as const satisfies readonly VerificationFactor[];

export { FREEZE_AFTER_MISMATCHES };

export type AssuranceLevel = 0 | 1 | 2 | 3;
export type CheckResult = { factor: VerificationFactor; matched: boolean };

const isIdentifying = (f: VerificationFactor) => (IDENTIFYING_FACTORS as readonly string[]).includes(f);
const isKnowledge = (f: VerificationFactor) => (KNOWLEDGE_FACTORS as readonly string[]).includes(f);
const isPossession = (f: VerificationFactor) => (POSSESSION_FACTORS as readonly string[]).includes(f);

/** L1 = 2 distinct identifying factors; L2 = L1 + knowledge or possession; L3 = L1 + both. */
export function assuranceLevel(checks: readonly CheckResult[]): AssuranceLevel {
  const matched = new Set(checks.filter((c) => c.matched).map((c) => c.factor));
  const identifying = [...matched].filter(isIdentifying).length;
  if (identifying < 2) return 0;
  const knowledge = [...matched].some(isKnowledge);
  const possession = [...matched].some(isPossession);
  if (knowledge && possession) return 3;
  if (knowledge || possession) return 2;
  return 1;
}

export function isFrozen(mismatchCount: number): boolean {
  return mismatchCount >= FREEZE_AFTER_MISMATCHES;
}

/** The level and freeze of a case from its checks and its mismatch count (reset by a supervisor's unfreeze). */
export function assess(
  checks: readonly CheckResult[],
  mismatchCount: number,
): { level: AssuranceLevel; frozen: boolean } {
  return { level: assuranceLevel(checks), frozen: isFrozen(mismatchCount) };
}
