import type { AppDeps } from './deps';

/** Timers that run beside the HTTP server in production (outbox delivery, expiries); returns a stop function. */
export function startBackgroundWork(_deps: AppDeps): () => void {
  const stops: Array<() => void> = [];
  return () => {
    for (const stop of stops) stop();
  };
}
