/**
 * A list that fits a 1440 px window whatever its rows hold. Long labels (the English audit trail's actor, action,
 * target and reason; agent activity's usernames and flags) made the page itself scroll sideways, hiding the
 * toolbar and the last columns: react-admin's layout is at least as wide as its content's narrowest possible
 * layout (`min-width: fit-content`), and a table counts there at the width of its unbreakable words. With no width
 * of its own (it grows into the room the menu and the aside leave), the list's main column no longer counts, long
 * cells wrap, and only the table scrolls, inside its card, when even wrapped it cannot fit.
 */
export const fitListLayout = {
  '& .RaList-main': { minWidth: 0, width: 0 },
  '& .RaList-content': { overflowX: 'auto' },
} as const;
