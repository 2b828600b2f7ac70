import { OTP_CHANNELS, type VerificationFactor } from '../../../shared/domain';
import type { CaseCheck, CaseView, IdentifyingFactor } from '../api/types';

export { OTP_CHANNELS };

/**
 * The identifying factors in the order an agent asks for them on the phone (name, then the number they call
 * from). The policy's set (server/src/policy/assurance.ts) has no order; `satisfies` keeps the names its own.
 */
export const IDENTIFYING_FACTORS = [
  'full_name',
  'phone',
  'date_of_birth',
  'email',
  'national_id_last4',
] as const satisfies readonly IdentifyingFactor[];
export const TYPED_FACTORS = [...IDENTIFYING_FACTORS, 'recent_transaction'] as const;

export type FactorState = 'matched' | 'mismatched' | 'unchecked';

/** A factor counts as matched once any check matched it; otherwise its latest check decides. */
export function factorState(checks: readonly CaseCheck[], factor: VerificationFactor): FactorState {
  const own = checks.filter((c) => c.factor === factor);
  if (own.some((c) => c.matched)) return 'matched';
  return own.length > 0 ? 'mismatched' : 'unchecked';
}

/**
 * Where the agent's next keystroke should go: an unmatched identifying factor until L1, then the private-knowledge
 * question (the fastest way to L2 on a phone call), then nothing.
 */
export function nextFactor(kase: Pick<CaseView, 'checks' | 'level'>): VerificationFactor | null {
  const open = (f: VerificationFactor) => factorState(kase.checks, f) !== 'matched';
  if (kase.level < 1) return IDENTIFYING_FACTORS.find(open) ?? null;
  if (open('recent_transaction')) return 'recent_transaction';
  return null;
}
