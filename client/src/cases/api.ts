import type { PolicyAction } from '../../../server/src/policy/actionPolicy';

export const IDENTIFYING_FACTORS = [
  'full_name',
  'phone',
  'date_of_birth',
  'email',
  'national_id_last4',
] as const;
export const TYPED_FACTORS = [...IDENTIFYING_FACTORS, 'recent_transaction'] as const;
export const OTP_CHANNELS = ['sms', 'email'] as const;
export type Factor = (typeof TYPED_FACTORS)[number] | 'sms_otp' | 'email_otp';
export type OtpChannel = (typeof OTP_CHANNELS)[number];
export type CaseChannel = 'phone' | 'email' | 'chat' | 'social';

// The server's action names, type-only: the console cannot drift from the policy it mirrors.
export type { PolicyAction };
export type ActionDecision = { allowed: boolean; missing: string[] };

export type Troubleshooting = { network: boolean; browserCache: boolean; serviceStatus: boolean };
export const TROUBLESHOOTING_STEPS = ['network', 'browserCache', 'serviceStatus'] as const;

export type CaseCheck = { factor: Factor; matched: boolean; source: 'typed' | 'lookup'; at: number };
export type CaseRecord = {
  id: number;
  accountId: number;
  level: number;
  status: 'open' | 'closed';
  channel: CaseChannel;
  subject: string | null;
  openedBy: number | { id: number; username: string };
  openedAt: number;
  closedAt?: number | null;
  resolution?: string | null;
  checks: CaseCheck[];
  mismatchCount: number;
  verificationFrozen: boolean;
  troubleshooting: Partial<Troubleshooting> | string;
  actions: Partial<Record<PolicyAction, ActionDecision>>;
};

export type CheckAnswer = { factor: Factor; matched: boolean; level: number };
export type OtpAnswer = { channel: OtpChannel; maskedRecipient: string; expiresAt: number };

/** The troubleshooting column is JSON; accept it parsed or not. */
export function troubleshootingOf(kase: Pick<CaseRecord, 'troubleshooting'>): Troubleshooting {
  let raw: Partial<Troubleshooting> = {};
  if (typeof kase.troubleshooting === 'string') {
    try {
      raw = JSON.parse(kase.troubleshooting) as Partial<Troubleshooting>;
    } catch {
      raw = {};
    }
  } else if (kase.troubleshooting) raw = kase.troubleshooting;
  return { network: !!raw.network, browserCache: !!raw.browserCache, serviceStatus: !!raw.serviceStatus };
}

export type FactorState = 'matched' | 'mismatched' | 'unchecked';

/** A factor counts as matched once any check matched it; otherwise its latest check decides. */
export function factorState(checks: readonly CaseCheck[], factor: Factor): FactorState {
  const own = checks.filter((c) => c.factor === factor);
  if (own.some((c) => c.matched)) return 'matched';
  return own.length > 0 ? 'mismatched' : 'unchecked';
}

/**
 * Where the agent's next keystroke should go: an unmatched identifying factor until L1, then the private-knowledge
 * question (the fastest way to L2 on a phone call), then nothing.
 */
export function nextFactor(kase: Pick<CaseRecord, 'checks' | 'level'>): Factor | null {
  const open = (f: Factor) => factorState(kase.checks, f) !== 'matched';
  if (kase.level < 1) return IDENTIFYING_FACTORS.find(open) ?? null;
  if (open('recent_transaction')) return 'recent_transaction';
  return null;
}
