import type { AppDeps } from './deps';
import { startDeliveryWorker } from './messages/delivery';

/** Timers that run beside the HTTP server in production (outbox delivery, expiries); returns a stop function. */
export function startBackgroundWork(deps: AppDeps): () => void {
  const stops: Array<() => void> = [startDeliveryWorker(deps)];
  return () => {
    for (const stop of stops) stop();
  };
}
