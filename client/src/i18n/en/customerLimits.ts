/**
 * Issue 7: limits per customer and the answers races get (docs/design.md, Verification; Messages).
 * zh/customerLimits.ts has the same keys.
 */
const customerLimits = {
  journey: {
    errors: {
      codeAlreadyUsed: 'This code was already accepted in this case; it was counted once.',
    },
  },
};

export default customerLimits;
