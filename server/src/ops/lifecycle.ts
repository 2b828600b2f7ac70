import type { AppDeps } from '../deps';

/** Per-app process state that the shutdown sets and readiness reads. */
type Lifecycle = { drainingSince: number | null };
const states = new WeakMap<AppDeps, Lifecycle>();

function stateOf(deps: AppDeps): Lifecycle {
  let state = states.get(deps);
  if (!state) {
    state = { drainingSince: null };
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
