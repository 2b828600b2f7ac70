import { type ComponentType, lazy } from 'react';

/**
 * A console view loaded on first use: the sign-in page and shell ship without the views' code, which
 * downloads after sign-in (react-admin's Layout shows its loader inside a Suspense meanwhile).
 */
export function lazyView<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
