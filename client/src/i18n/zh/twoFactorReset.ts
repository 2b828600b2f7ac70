import type en from '../en/twoFactorReset';
import type { Messages } from '../types';

/** 丢失两步验证设备：客服的申请与主管的审批。 */
const twoFactorReset: Messages<typeof en> = {
  resources: {
    'two-factor-resets': {
      name: '两步验证重置',
      title: '两步验证重置',
      request_title: '两步验证重置 #%{id}',
      story:
        '流程：由申请人以外的主管在 7 天内批准或拒绝。批准后，两步验证被移除，所有设备退出登录，客户在下次登录时重新设置，注册邮箱和手机都会收到通知。',
      fields: {
        id: '申请',
        accountId: '账户',
        requestedBy: '申请人',
        reason: '原因',
        status: '状态',
        createdAt: '申请时间',
        decidedAt: '审批时间',
        decisionReason: '审批原因',
      },
      statuses: {
        pending_approval: '待审批',
        completed: '已完成',
        rejected: '已拒绝',
        expired: '已过期',
      },
      request: {
        label: '重置两步验证',
        confirm: '重置 %{name} 的两步验证（设备丢失）？',
        done: '两步验证重置已提交主管审批',
      },
      approve: {
        label: '批准',
        confirm: '批准此两步验证重置？',
        done: '已批准：两步验证已移除，设备已退出登录，已通知客户',
      },
      reject: {
        label: '拒绝',
        confirm: '拒绝此两步验证重置？',
        description: '两步验证保持不变。',
        done: '已拒绝两步验证重置',
      },
      own_request: '此重置由您申请：须由另一位主管批准或拒绝。',
      not_pending: '此申请已不再等待审批。',
      agent_view: '此申请须由申请人以外的主管批准或拒绝。',
    },
  },
};

export default twoFactorReset;
