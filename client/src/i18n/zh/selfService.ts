/** 第 13 号问题：客户自助“忘记密码”页面，以及客服在账户页上看到的自助记录。与 en/selfService.ts 键相同。 */
const selfService = {
  app: {
    wallet: {
      forgot: {
        title: '忘记密码？',
        intro: '请输入您登录时使用的邮箱、手机号或账号，并选择重置链接的发送方式。',
        login: '邮箱、手机号或账号',
        login_help: '您登录 OKPay 时使用的那一个。',
        channel: '链接发送到',
        by_email: '账户注册的邮箱',
        by_sms: '账户注册的手机（短信）',
        submit: '发送重置链接',
        busy: '正在发送……',
        sent_title: '请查收消息',
        sent_email:
          '如果该登录名属于某个 OKPay 账户，我们已将重置链接发送到其注册邮箱。该链接仅可使用一次，1 小时内有效。',
        sent_sms:
          '如果该登录名属于某个 OKPay 账户，我们已通过短信将重置链接发送到其注册手机。该链接仅可使用一次，1 小时内有效。',
        not_arrived:
          '几分钟后仍未收到？请检查垃圾邮件箱，或改用另一种方式。如果仍然没有收到，请致电 OKPay 客服：他们可以查看消息是否已送达。',
        errors: {
          login_required: '请输入您登录时使用的邮箱、手机号或账号。',
          too_many: '重置请求过多。请一小时后再试，或致电 OKPay 客服。',
          unexpected: '未发送任何消息。请稍后再试。',
        },
      },
    },
  },
  resources: {
    messages: { templates: { self_service_reset_link: '自助重置链接（客户本人申请）' } },
    'self-service': {
      title: '客户曾自行尝试重置密码',
      attempt: '%{time}：通过%{channel}发送重置链接至 %{recipient} — %{status}',
      channels: { email: '邮件', sms: '短信' },
      statuses: {
        queued: '尚未发送',
        sent: '已于 %{time} 送达',
        failed: '发送失败（%{error}）',
      },
    },
  },
};

export default selfService;
