import type { AppDeps } from './deps';
import { startEmailChangeExpiry } from './emailChanges/emailChangeExpiry';
import { startDeliveryWorker } from './messages/delivery';

/** Timers that run beside the HTTP server in production (outbox delivery, expiries); returns a stop function. */
export function startBackgroundWork(deps: AppDeps): () => void {
  const stops: Array<() => void> = [startDeliveryWorker(deps), startEmailChangeExpiry(deps)];
  return () => {
    for (const stop of stops) stop();
  };
}
