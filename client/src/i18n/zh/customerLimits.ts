/** 与 en/customerLimits.ts 相同的键。 */
const customerLimits = {
  resources: {
    messages: {
      templates: {
        account_activity: '客服操作汇总（多项合并为一条）',
      },
    },
  },
  journey: {
    customerFreeze: {
      frozen: '该客户的核验已冻结：24 小时内所有工单共 3 次不符。需由冻结者以外的主管复核。',
    },
    errors: {
      codeAlreadyUsed: '此验证码已在本工单中通过核验，只计一次。',
    },
  },
};

export default customerLimits;
