import type { Server, ServerResponse } from 'node:http';
import type { AppDeps } from '../deps';

/** Per-app process state that the shutdown sets and readiness reads. */
type Lifecycle = {
  drainingSince: number | null;
  /** Responses whose handler has not answered yet (see trackRequests). */
  inFlight: Set<ServerResponse>;
  /** Called each time inFlight empties. */
  onIdle: Set<() => void>;
};
const states = new WeakMap<AppDeps, Lifecycle>();

function stateOf(deps: AppDeps): Lifecycle {
  let state = states.get(deps);
  if (!state) {
    state = { drainingSince: null, inFlight: new Set(), onIdle: new Set() };
    states.set(deps, state);
  }
  return state;
}

/** From now on /api/ready answers 503, so a load balancer stops sending new work. */
export function markDraining(deps: AppDeps): void {
  stateOf(deps).drainingSince ??= Date.now();
}

export function drainingSince(deps: AppDeps): number | null {
  return stateOf(deps).drainingSince;
}

/**
 * Counts the server's requests from arrival until their handler has answered (`res.end()`) and the
 * response is closed. The shutdown waits on this, not only on the server's connections: a client that
 * gives up (a load test ending, a browser tab closed) closes its connection at once, so
 * `server.close()` reports the server empty while the handler is still awaiting the database, and
 * closing the database then failed it midway ("Cannot use a pool after calling end" on PostgreSQL,
 * issue 9). A handler answers even when its client is gone (Express's `res.json` ends a destroyed
 * response too), so end() is its last word.
 */
export function trackRequests(deps: AppDeps, server: Server): void {
  const state = stateOf(deps);
  // Before the app's own listener, so the end() seen here is the handler's, whatever wraps it later.
  server.prependListener('request', (_req, res: ServerResponse) => {
    state.inFlight.add(res);
    let ended = false;
    let closed = false;
    const settle = () => {
      if (!ended || !closed || !state.inFlight.delete(res)) return;
      if (state.inFlight.size === 0) for (const idle of [...state.onIdle]) idle();
    };
    const end = res.end;
    res.end = function (this: ServerResponse, ...args: Parameters<ServerResponse['end']>) {
      ended = true;
      const result = end.apply(this, args);
      settle();
      return result;
    } as ServerResponse['end'];
    res.once('close', () => {
      closed = true;
      settle();
    });
  });
}

export function requestsInFlight(deps: AppDeps): number {
  return stateOf(deps).inFlight.size;
}

/** Resolves once no tracked request is in flight (at once if none is). */
export function noRequestsInFlight(deps: AppDeps): Promise<void> {
  const state = stateOf(deps);
  if (state.inFlight.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const idle = () => {
      state.onIdle.delete(idle);
      resolve();
    };
    state.onIdle.add(idle);
  });
}
