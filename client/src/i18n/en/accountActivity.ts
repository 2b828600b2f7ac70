/** Issue 7, finding 6: the account's activity is read through a case. zh/accountActivity.ts has the same keys. */
const accountActivity = {
  resources: {
    accounts: {
      activity: {
        heading: 'Sign-ins, devices and transactions',
        needsCase:
          'Shown in an open case on this account: open one for this caller to see where and how they sign in.',
      },
    },
    'audit-events': {
      actions: { account: { activity_view: 'View sign-ins, devices and transactions' } },
    },
  },
  journey: { missing: { reason_required: 'a written reason' } },
};

export default accountActivity;
