import { useCallback, useState } from 'react';
import type { LookupBody } from '../api/types';
import type { LookupAnswer, LookupFieldErrors } from './callerDetails';

/** Everything Find customer shows: what the caller said, the answer, and what was wrong with it. */
export type LookupScreen = {
  form: LookupBody;
  result: { answer: LookupAnswer; query: LookupBody } | null;
  error?: string;
  fieldErrors: LookupFieldErrors;
};

const EMPTY: LookupScreen = { form: {}, result: null, fieldErrors: {} };

/**
 * The last Find customer screen, kept in this module (JavaScript memory of this tab) so Back from an account page
 * finds the caller's details and the results still there. Deliberately nowhere else: not in the URL, not in
 * localStorage/sessionStorage, not in react-query's cache. A caller's personal details: a reload, Clear or
 * signing out forgets them (authProvider.logout calls forgetLookup).
 */
let remembered: LookupScreen = EMPTY;

export function forgetLookup() {
  remembered = EMPTY;
}

/** Like useState, but the value outlives the page while the agent is elsewhere in the console. */
export function useLookupScreen(): [LookupScreen, (patch: Partial<LookupScreen>) => void] {
  const [screen, setScreen] = useState(remembered);
  const update = useCallback((patch: Partial<LookupScreen>) => {
    remembered = { ...remembered, ...patch };
    setScreen(remembered);
  }, []);
  return [screen, update];
}
