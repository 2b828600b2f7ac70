import type { AppDeps } from './deps';
import { startEmailChangeExpiry } from './emailChanges/emailChangeExpiry';
import { startDeliveryWorker } from './messages/delivery';
import { startRetention } from './ops/retention';

/**
 * Timers that run beside the HTTP server in production (outbox delivery, expiries, retention).
 * The stop function resolves once each has finished what it was doing (shutdown waits for it).
 */
export function startBackgroundWork(deps: AppDeps): () => Promise<void> {
  const stops: Array<() => void | Promise<void>> = [
    startDeliveryWorker(deps),
    startEmailChangeExpiry(deps),
    startRetention(deps),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
