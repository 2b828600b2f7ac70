/** 问题 6：发给客户的消息（账户页）和重置对话框的渠道选择；与 en/messagesSent.ts 同键。 */
const messagesSent = {
  resources: {
    messages: {
      name: '消息',
      heading: '发给客户的消息',
      empty: '尚未向该客户发送任何消息。',
      fields: {
        createdAt: '排队时间',
        template: '消息 · 收件人',
        status: '投递状态',
        sentAt: '发送时间',
      },
      attemptsCount: '尝试 %{smart_count} 次',
      channels: { email: '邮件', sms: '短信' },
      statuses: { queued: '排队中', sent: '已发送', failed: '发送失败' },
      templates: {
        verification_code: '验证码',
        password_reset_link: '密码重置链接',
        password_reset_code: '密码重置验证码',
        account_unlocked: '账户已解锁',
        account_held: '账户已暂停',
        account_held_for_review: '账户暂停待审核',
        devices_signed_out: '设备已退出登录',
        password_changed: '密码已更改',
        email_change_confirm: '确认新邮箱',
        email_change_notice_old: '邮箱变更通知（旧地址）',
        email_change_completed: '邮箱已更改',
        email_change_done_old: '邮箱已更改（通知旧邮箱）',
        email_change_cancelled: '邮箱更改已取消',
        two_factor_reset: '两步验证已重置',
      },
      resend: {
        label: '重新发送',
        title: '再次向 %{recipient} 发送“%{template}”？',
        description: '同一条消息重新排队，只发往登记的地址。',
        done: '已重新排队',
      },
    },
  },
  journey: {
    actions: {
      passwordReset: {
        channel: '发送方式',
        byEmail: '邮件至 %{email}',
        bySms: '短信至 %{phone}',
      },
    },
  },
};

export default messagesSent;
