/**
 * Issue 6, points 5 and 6: the mismatch count always in view, the freeze said in words, and the lock
 * banner's one-line summary with its details folded. zh/callPanel.ts has the same keys.
 */
const callPanel = {
  journey: {
    checks: {
      mismatchCount: 'Mismatches: %{count} of %{max}',
      frozenNow: '%{factor} did not match. Verification frozen: a supervisor must review this case.',
    },
    lock: {
      summary: '%{failures} wrong passwords from %{ips} IP addresses in %{countries}, %{from}–%{to}',
      summaryOne: '1 wrong password from %{countries} at %{from}',
      showDetails: 'Show the %{count} sign-ins',
      hideDetails: 'Hide the sign-ins',
      severalCountries:
        'Sign-ins from several countries (%{countries}): a takeover sign. Ask something only the owner knows.',
    },
    case: {
      frozenMarker: 'Verification frozen',
    },
  },
};

export default callPanel;
