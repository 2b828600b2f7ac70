import { useGetList, useGetOne } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import type { CaseSummary, CaseView } from '../api/types';

// The page prefetches the case beside the account; the panel reuses that answer instead of asking again.
// Actions still refetch at once: useRefresh() invalidates regardless of staleness.
const FRESH_MS = 5_000;

/**
 * The case the agent works through on an account page: the one named in ?case=<id> (an id, not PII), else the
 * latest open case on this account the server lets this agent see.
 */
export function useAccountCase(accountId: number | undefined) {
  const [params] = useSearchParams();
  const named = Number(params.get('case')) || undefined;
  const latest = useGetList<CaseSummary>(
    'cases',
    {
      filter: { accountId, status: 'open' },
      sort: { field: 'openedAt', order: 'DESC' },
      pagination: { page: 1, perPage: 1 },
    },
    { enabled: !named && !!accountId, staleTime: FRESH_MS },
  );
  // List rows are summaries (no checks, no policy answers): the panel always reads the full case.
  const id = named ?? latest.data?.[0]?.id;
  const one = useGetOne<CaseView>('cases', { id: id ?? 0 }, { enabled: !!id, staleTime: FRESH_MS });
  if (!id) return { kase: null, isPending: !named && latest.isPending, error: latest.error };
  const kase = one.data && one.data.accountId === accountId ? one.data : null;
  return { kase, isPending: one.isPending, error: one.error };
}
