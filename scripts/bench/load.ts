import autocannon from 'autocannon';

/** One measured HTTP scenario: autocannon over N connections for D seconds. */
export type LoadResult = {
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  errors: number;
};

/**
 * A latency target is met only by a scenario whose requests were answered: with none completed in the
 * window (PostgreSQL's text filter once took longer than the whole run) p99 reads 0, which passed "p99 <= 30".
 */
export const allAnswered = (r: LoadResult): boolean => r.requests > 0 && r.non2xx === 0 && r.errors === 0;

export type LoadRequest = {
  method?: 'GET' | 'POST';
  /** Called per request: the path (and body) to send, so bodies rotate over a sample. */
  next: () => { path: string; body?: unknown };
  onResponse?: (status: number, body: string) => void;
};

/** base: one server, or several (autocannon spreads the connections over them, round robin). */
export async function load(
  base: string | string[],
  cookie: string,
  request: LoadRequest,
  o: { connections: number; seconds: number },
): Promise<LoadResult> {
  const result = await autocannon({
    // autocannon takes a list of urls (README, `url`), though its types say one.
    url: base as string,
    connections: o.connections,
    duration: o.seconds,
    headers: { cookie, 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' },
    requests: [
      {
        method: request.method ?? 'GET',
        setupRequest: (req) => {
          const { path, body } = request.next();
          return { ...req, path, body: body === undefined ? undefined : JSON.stringify(body) };
        },
        onResponse: request.onResponse
          ? (status: number, body: string) => request.onResponse?.(status, body)
          : undefined,
      },
    ],
  });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Rotates over a list, for request bodies and paths. */
export function cycle<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}
