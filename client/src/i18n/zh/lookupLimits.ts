/** 问题 7，第 5 点：每位员工的查找次数限制与变换信息的查找。与 en/lookupLimits.ts 键相同。 */
const lookupLimits = {
  resources: {
    'agent-activity': {
      fields: { throttled: '被拒查找（超限）' },
      flags: { lookups_throttled: '触及查找次数上限' },
    },
    'audit-events': {
      actions: { account: { lookup_variation: '查找时变换了同一账户的信息' } },
    },
  },
};

export default lookupLimits;
