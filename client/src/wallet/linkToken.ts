import type { Locale } from '../i18n/locale';

/**
 * What a reload of a customer page must not lose, kept in this tab's history entry (history.state): the link's
 * token (no longer in the address bar), the language the customer picked, "show passwords", and the outcome once
 * there is one (a reload after "Password changed" says so again, not "already used").
 *
 * Why history.state and nothing else: it belongs to this one entry of this one tab, so a fresh click on a link is a
 * fresh page, another tab or site never sees it, and it is gone with the tab. What is never kept: the password
 * (not in state, storage or URL; a reload asks for it again). The token is kept because without it a reload would
 * strand the customer on "link not valid"; it is single-use and short-lived, and it sat in this tab's address bar
 * a moment ago anyway.
 */
export type LinkMemory = {
  token: string;
  locale?: Locale;
  showPasswords?: boolean;
  /** The page's final outcome, shown again on reload without asking the server. */
  outcome?: string;
};

const KEY = 'okpayLink';

let taken: { token: string | null; restored: boolean } | undefined;

function stateObject(): Record<string, unknown> {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
}

/** What this history entry remembers for its link, if it has a token. */
export function linkMemory(): LinkMemory | null {
  const memory = stateObject()[KEY] as Partial<LinkMemory> | undefined;
  return typeof memory?.token === 'string' && memory.token ? (memory as LinkMemory) : null;
}

/** Adds to what this history entry remembers (replaceState: no new entry, the address stays clean). */
export function rememberForLink(patch: Partial<Omit<LinkMemory, 'token'>>) {
  const current = linkMemory();
  if (!current) return;
  const state = { ...stateObject(), [KEY]: { ...current, ...patch } };
  window.history.replaceState(state, '', window.location.pathname + window.location.hash);
}

/**
 * The token of the link the customer opened, read from the query string once and then wiped from the address bar
 * (history.replaceState), so it is not left in the history, in a bookmark or in a URL pasted into a support chat.
 * A reload finds it in the entry's state instead (see LinkMemory). Later calls (React's StrictMode renders twice)
 * get the same value from memory. `restored` says the page was reloaded, not opened from the link.
 */
export function takeLink(): { token: string | null; restored: boolean } {
  if (taken) return taken;
  const url = new URL(window.location.href);
  const fromLink = url.searchParams.get('token')?.trim() || null;
  const remembered = linkMemory();
  if (fromLink) {
    // A click on the link is a fresh page: nothing of an earlier visit carries over.
    const state = { ...stateObject(), [KEY]: { token: fromLink } };
    window.history.replaceState(state, '', url.pathname + url.hash);
    taken = { token: fromLink, restored: false };
  } else {
    if (url.search) window.history.replaceState(window.history.state, '', url.pathname + url.hash);
    taken = { token: remembered?.token ?? null, restored: remembered !== null };
  }
  return taken;
}
