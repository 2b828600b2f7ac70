let taken: { token: string | null } | undefined;

/**
 * The token of the link the customer opened, read from the query string once and then wiped from
 * the address bar (history.replaceState), so it is not left in the history, in a bookmark or in a
 * URL pasted into a support chat. Later calls (React's StrictMode renders twice) get the same value
 * from memory.
 */
export function takeLinkToken(): string | null {
  if (taken) return taken.token;
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token')?.trim() || null;
  if (url.search) window.history.replaceState(window.history.state, '', url.pathname + url.hash);
  taken = { token };
  return token;
}
