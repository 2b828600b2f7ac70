import type en from '../en/approvalEvidence';
import type { Messages } from '../types';

/** 四眼审批的申请，从各方看都一致：两个对话框讲同一件事，审批页的证据，账户页上进行中的邮箱变更。 */
const approvalEvidence: Messages<typeof en> = {
  resources: {
    'email-changes': {
      story:
        '流程：由申请人以外的主管在 7 天内批准或拒绝。批准后，新邮箱会收到确认链接，有效期 24 小时；同时立即通知旧邮箱，邮件中的链接可取消此变更。新邮箱确认后变更生效，同一链接可在 72 小时内撤销此变更。',
      evidence: {
        heading: '审批依据',
        case: '工单',
        caseLink: '工单 #%{id}',
        level: '工单核验级别',
        channel: '渠道',
        caseStatus: '工单状态',
        requester: '申请人',
        requesterLine: '%{name}（%{username}，%{role}）',
        account: '账户',
        openAccount: '打开账户',
        checks: '此工单中的核验',
        noChecks: '此工单中未做任何核验。',
        noCase: '无法获取该工单。',
        factor: '核验项与结果',
        source: '方式',
        at: '时间',
        sources: { typed: '通话中输入', lookup: '来自查找' },
      },
      pending: {
        title: '邮箱变更进行中',
        requested: '由 %{who} 于 %{time} 申请：%{from} → %{to}',
        open: '打开申请',
        next: {
          pending_approval: '下一步：由申请人以外的主管在 %{time} 前批准或拒绝。',
          awaiting_confirmation: '下一步：客户须在 %{time} 前从新邮箱确认。',
          completed: '已完成。旧邮箱可在 %{time} 前撤销此变更。',
        },
      },
    },
  },
};

export default approvalEvidence;
