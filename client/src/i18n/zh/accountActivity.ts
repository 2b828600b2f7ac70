/** 问题 7，第 6 点：账户的登录、设备和交易记录须通过工单查看。与 en/accountActivity.ts 键相同。 */
const accountActivity = {
  resources: {
    accounts: {
      activity: {
        heading: '登录、设备和交易记录',
        needsCase: '仅在此账户的进行中工单内显示：为这位来电者开启工单后即可查看其登录地点和方式。',
      },
    },
    'audit-events': {
      actions: { account: { activity_view: '查看登录、设备和交易记录' } },
    },
  },
  journey: { missing: { reason_required: '书面理由' } },
};

export default accountActivity;
