import type en from '../en/emailChange';
import type { Messages } from '../types';

/** 旅程 2（忘记注册邮箱）：客服的提示与变更申请、主管的审批队列、客户的确认 / 撤销页面。 */
const emailChange: Messages<typeof en> = {
  resources: {
    'email-changes': {
      name: '邮箱变更',
      title: '邮箱变更',
      fields: {
        id: '申请',
        accountId: '账户',
        caseId: '工单',
        requestedBy: '申请人',
        emails: '旧邮箱 → 新邮箱',
        oldEmailMasked: '旧邮箱',
        newEmailMasked: '新邮箱',
        reason: '原因',
        status: '状态',
        createdAt: '申请时间',
        decidedBy: '审批人',
        decidedAt: '审批时间',
        decisionReason: '审批原因',
        confirmedAt: '客户确认时间',
        revertUntil: '旧邮箱可撤销至',
        revertedAt: '客户撤销时间',
      },
      statuses: {
        pending_approval: '待审批',
        awaiting_confirmation: '待客户确认',
        completed: '已完成',
        rejected: '已拒绝',
        expired: '已过期',
        reverted: '已被客户撤销',
      },
      request_title: '邮箱变更申请 #%{id}',
      you: '您',
      empty: '没有此状态的邮箱变更。',
      approve: {
        label: '批准',
        confirm: '批准将邮箱从 %{from} 改为 %{to}？',
        done: '已批准：现在需要新邮箱确认；已通知旧邮箱，旧邮箱可取消此更改',
      },
      reject: {
        label: '拒绝',
        confirm: '拒绝将邮箱从 %{from} 改为 %{to}？',
        description: '注册邮箱保持不变。',
        done: '已拒绝邮箱变更',
      },
      own_request: '此变更由您申请：须由另一位主管批准或拒绝。',
      not_pending: '此申请已不再等待审批。',
      agent_view: '此申请须由申请人以外的主管批准或拒绝。',
      pending_badge: '%{count} 个待审批',
    },
  },
  journey: {
    fields: { newEmail: '新邮箱' },
    missing: { approver_other_than_requester: '申请人以外的主管' },
    actions: {
      emailHint: {
        label: '提供邮箱提示',
        confirm: '显示 %{name} 的注册邮箱（已遮盖）？',
        description: '此提示会记录在审计日志中。请按显示内容读给来电者。',
        done: '已显示提示（已记录在审计日志中）',
        title: '注册邮箱（已遮盖）',
        shown: '请将此提示读给来电者；切勿大声猜测被遮盖的部分。',
      },
      emailChange: {
        label: '更改注册邮箱',
        confirm: '更改 %{name} 的注册邮箱',
        description: '当前注册邮箱为 %{email}。以下步骤全部完成之前，不会有任何改变。',
        newEmail: '新邮箱地址',
        newEmailHelp: '按来电者逐个字母拼读的内容输入。',
        invalidEmail: '请输入有效的邮箱地址。',
        done: '邮箱变更已提交主管审批',
        rejectedEmail: '请输入有效且不同于当前注册邮箱的地址。',
        address_taken: '此地址已属于另一个账户：请向来电者要另一个地址。',
        open_change: '此账户已有进行中的邮箱变更（见“邮箱变更”）。',
        conflict: '无法使用此地址：它已属于另一个账户，或此账户已有进行中的邮箱变更（见“邮箱变更”）。',
      },
    },
  },
  app: {
    wallet: {
      emailChange: {
        confirm: {
          title: '确认您的新邮箱地址',
          intro: 'OKPay 客服申请将此地址设为您 OKPay 账户的注册邮箱。',
          warning: '如果这不是您申请的，请不要确认：关闭此页面并致电 OKPay 客服。',
          submit: '确认此地址',
          busy: '正在确认…',
          done_title: '邮箱地址已确认',
          done_text: '此地址现在是您 OKPay 账户的注册邮箱。',
          done_old: '更改获批时我们已通知您之前的邮箱地址；该邮件中的链接可在 72 小时内撤销此变更。',
        },
        revert: {
          title: '撤销邮箱地址变更',
          intro: 'OKPay 客服已批准更改您 OKPay 账户的注册邮箱。',
          consequences:
            '如果新邮箱尚未确认，此操作将取消这次更改，其他一切不变。如果更改已经生效，将恢复您之前的邮箱地址，您的账户将被暂停以待审核，所有已登录的手机和电脑都会退出登录。',
          submit: '不是我本人操作 — 撤销此变更',
          busy: '正在撤销…',
          done_title: '变更已撤销',
          done_text: '您之前的邮箱地址已重新设为注册邮箱。',
          done_held:
            '为了您的安全，您的账户已暂停，所有设备均已退出登录。请致电 OKPay 客服核查账户并恢复使用。',
          cancelled_title: '更改已取消',
          cancelled_text: '这次更改在生效前已被取消，此地址仍为注册邮箱。',
          cancelled_call: '如果您没有申请过更改，请致电 OKPay 客服。',
        },
        errors: {
          link_used: '此链接已被使用，无需再操作。如果不是您本人操作，请致电 OKPay 客服。',
          link_expired: '此链接已过期。如需帮助，请致电 OKPay 客服。',
          expired_title: '此链接已无法使用',
          expired: '此链接已过期或已被使用。如需帮助，请致电 OKPay 客服。',
          conflict: '此变更已无法完成。请致电 OKPay 客服。',
          too_many: '您的网络尝试次数过多。请等待一分钟后再试。',
          network: '无法连接 OKPay。请检查网络连接后再试。',
          unexpected: '未做任何更改。请稍后再试。',
        },
      },
    },
  },
};

export default emailChange;
