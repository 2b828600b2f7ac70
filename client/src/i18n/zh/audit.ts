import type en from '../en/audit';
import type { Messages } from '../types';

/** 审计日志（仅限主管）：列表、筛选、单条记录、校验与导出。 */
const audit: Messages<typeof en> = {
  resources: {
    'agent-activity': {
      name: '坐席活动',
      no_flags: '—',
      fields: {
        username: '员工',
        role: '角色',
        lookups: '查找次数',
        views: '查看账户',
        casesOpened: '开立工单',
        reveals: '显示完整信息',
        denied: '被拒绝的尝试',
        flags: '值得关注',
      },
      filters: {
        from: '开始（本地时间）',
        to: '结束（本地时间）',
      },
      flags: {
        lookups_without_cases: '大量查找但未开工单',
        many_lookups_per_case: '每个工单查找过多',
        many_denied: '多次被拒绝',
        many_reveals: '多次显示完整信息',
      },
    },
    'audit-events': {
      name: '审计日志',
      title: '审计日志',
      show_title: '审计记录 #%{id}',
      system_actor: '系统',
      fields: {
        id: '序号',
        at: '时间',
        actor: '操作人',
        actorId: '操作人 ID',
        actorUsername: '用户名',
        actorRole: '角色',
        action: '操作',
        target: '对象',
        targetType: '对象类型',
        targetId: '对象 ID',
        caseId: '工单',
        reason: '原因',
        outcome: '结果',
        ip: 'IP 地址',
        userAgent: '浏览器（User Agent）',
        requestId: '请求 ID',
        details: '详情',
        prevHash: '前一哈希',
        hash: '哈希',
      },
      filters: {
        q: '搜索文字',
        q_help: '原因、员工、操作或对象 ID 中的词',
        actor: '员工',
        from: '起始（本地时间）',
        to: '截止（本地时间）',
        targetId: '对象 ID',
        targetId_help: '例如账户 ID，对象类型选“账户”',
      },
      outcomes: {
        success: '成功',
        denied: '已拒绝',
        error: '出错',
      },
      target_types: {
        account: '账户',
        case: '工单',
        staff: '员工',
      },
      actions: {
        staff: {
          sign_in: '员工登录',
          sign_out: '员工退出',
          mfa: '员工验证码',
        },
        access: { denied: '拒绝访问' },
        account: {
          lookup: '查找客户',
          view: '查看账户',
          reveal: '显示联系方式',
          email_hint: '提供邮箱提示',
          unlock: '解锁账户',
          hold: '冻结账户',
          sign_out_devices: '退出所有设备',
          password_reset: '发送密码重置',
        },
        case: {
          open: '创建工单',
          check: '身份核验',
          otp: '发送一次性验证码',
          frozen: '核验已冻结',
          unfreeze: '解除核验冻结',
          troubleshooting: '排查清单',
          close: '关闭工单',
        },
        message: { resend: '重新发送消息' },
        wallet: {
          auto_lock: '钱包自动锁定',
          password_reset: '客户重置密码',
        },
        audit: {
          verify: '校验审计日志',
          export: '导出审计日志',
        },
      },
      verify: {
        button: '校验哈希链',
        running: '正在校验…',
        intact: '哈希链完整：已校验 %{count} 条',
        broken: '哈希链在第 #%{id} 条断开',
        failed: '无法校验哈希链，请重试。',
      },
      export: {
        button: '导出 CSV',
        failed: '导出失败，请重试。',
      },
    },
  },
};

export default audit;
