/** 与 en/customerLimits.ts 相同的键。 */
const customerLimits = {
  journey: {
    errors: {
      codeAlreadyUsed: '此验证码已在本工单中通过核验，只计一次。',
    },
  },
};

export default customerLimits;
