import type en from '../en/auditActions';
import type { Messages } from '../types';

/** audit.ts 尚未命名的审计操作。 */
const auditActions: Messages<typeof en> = {
  resources: {
    'audit-events': {
      diff: {
        title: '变更内容',
        field: '字段',
        before: '之前',
        after: '之后',
        fields: {
          status: '状态',
          lockReason: '锁定原因',
          lockedUntil: '锁定至',
          version: '版本',
          disabled: '已停用',
          role: '角色',
          fullName: '姓名',
          totpEnrolled: '身份验证器',
          email: '邮箱',
        },
      },
      views: {
        title: '常用视图',
        unlocks_today: '今天的解锁',
        denied: '被拒绝的操作',
        reveals_week: '本周的信息显示',
        staff_changes: '员工变更',
      },
      actions: {
        staff: {
          password_change: '员工修改自己的密码',
          create: '新建员工',
          update: '编辑员工',
          disable: '停用员工',
          enable: '启用员工',
          reset_password: '重置员工密码',
          unlock: '解除员工登录锁定',
          reset_mfa: '重置员工身份验证器',
        },
        account: {
          email_change_request: '申请更换邮箱',
          sign_out_device: '退出单个设备',
          two_factor_reset_request: '申请重置两步验证',
          import: '导入账户',
        },
        case: {
          note: '工单备注',
          escalate: '升级工单',
          take: '接手升级工单',
          return: '退回工单给客服',
          transfer: '转交工单',
        },
        email_change: {
          approve: '批准更换邮箱',
          reject: '拒绝更换邮箱',
          expire: '邮箱更换已过期',
        },
        two_factor_reset: {
          approve: '批准重置两步验证',
          reject: '拒绝重置两步验证',
        },
        wallet: {
          email_change_confirm: '客户确认新邮箱',
          forgot_password: '客户自助申请重置链接',
          email_change_revert: '客户撤销邮箱更换',
          email_change_cancel: '客户取消邮箱更换',
        },
        retention: { purge: '数据保留清理' },
        bench: { command: '基准测试命令' },
      },
    },
  },
};

export default auditActions;
