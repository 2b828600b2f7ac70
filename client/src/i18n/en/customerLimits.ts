/**
 * Issue 7: limits per customer and the answers races get (docs/design.md, Verification; Messages).
 * zh/customerLimits.ts has the same keys.
 */
const customerLimits = {
  resources: {
    messages: {
      templates: {
        account_activity: 'Changes by support (several, in one message)',
      },
    },
  },
  journey: {
    customerFreeze: {
      frozen:
        'Verification of this customer is frozen: 3 mismatches in 24 hours across all cases. A supervisor other than the one whose check froze it must review.',
    },
    errors: {
      codeAlreadyUsed: 'This code was already accepted in this case; it was counted once.',
    },
  },
};

export default customerLimits;
