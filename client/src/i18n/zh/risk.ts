/** 第 13 号问题：账户页上的盗号风险信号及其导致的拒绝。与 en/risk.ts 键相同。 */
const risk = {
  resources: {
    'risk-signals': {
      name: '风险信号',
      title: '账户被盗的警示信号',
      none: '此账户没有警示信号。',
      signals: {
        phone_changed: '注册手机号于 %{time} 更改，不到 7 天。',
        email_changed: '注册邮箱于 %{time} 更改，不到 7 天。',
        password_reset: '密码于 %{time} 重置，不到 24 小时。',
        new_device: '最近 24 小时内首次出现 %{count} 台设备（最近一次 %{time}）。',
        new_country: '于 %{time} 从新的国家或地区（%{countries}）登录。',
        email_change_reverted: '一次邮箱更改于 %{time} 被撤销（最近 30 天）。',
        several_agents: '本周有 %{count} 位不同的客服为此账户开过工单。',
        failed_verifications: '最近 24 小时内有 %{count} 次核验未通过（最近一次 %{time}）。',
        impostor_suspected: '客服于 %{time} 怀疑来电者冒充本人（最近 30 天）。',
      },
      effects: {
        sms_not_possession: '短信验证码目前不能证明持有此账户：请改用邮箱验证码。',
        elevated: '有两个或更多警示信号：需要 L2 的操作改为需要 L3，解除密码错误锁定需要主管。',
      },
    },
  },
  journey: {
    missing: {
      risk_phone_changed: '短信以外的验证码（手机号在最近 7 天内更改过）',
      risk_email_changed: '更多核验（邮箱最近更改过）',
      risk_password_reset: '更多核验（密码刚被重置）',
      risk_new_device: '更多核验（出现新设备）',
      risk_new_country: '更多核验（从新的国家或地区登录）',
      risk_email_change_reverted: '更多核验（邮箱更改被撤销）',
      risk_several_agents: '更多核验（本周多位客服处理过）',
      risk_failed_verifications: '更多核验（24 小时内核验未通过）',
      risk_impostor_suspected: '更多核验（怀疑冒充）',
      possession_email_otp: '发送到注册邮箱的验证码（丢失的手机无法证明持有）',
      account_two_factor_enabled: '已开启双重认证',
    },
  },
};

export default risk;
