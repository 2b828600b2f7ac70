import type { RiskSignalCode } from '../../../shared/domain';
import type { DbOrTx } from '../db/client';
import type { Account } from '../db/schema';
import { type RiskSignal, riskSignals } from '../policy/riskSignals';
import { riskFactsOf } from './riskRepo';

/** The account's takeover risk signals now (docs/design.md, Risk signals): what the policy and the console read. */
export async function accountRiskSignals(db: DbOrTx, account: Account, now: number): Promise<RiskSignal[]> {
  return riskSignals(await riskFactsOf(db, account, now), now);
}

export function riskCodes(signals: readonly RiskSignal[]): RiskSignalCode[] {
  return signals.map((s) => s.code);
}
