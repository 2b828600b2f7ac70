/** Issue 7, finding 5: lookups throttled per staff member and varied details. zh/lookupLimits.ts has the same keys. */
const lookupLimits = {
  resources: {
    'agent-activity': {
      fields: { throttled: 'Lookups refused (limit)' },
      flags: { lookups_throttled: 'Hit the lookup limit' },
    },
    'audit-events': {
      actions: { account: { lookup_variation: 'Lookup varied a detail of one account' } },
    },
  },
};

export default lookupLimits;
