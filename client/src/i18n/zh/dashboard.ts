/** 工作台（docs/design.md, Dashboards）：客服本人的工作台与主管的统计卡片。 */
const dashboard = {
  resources: {
    'agent-activity': {
      flag_help: {
        lookups_throttled:
          '至少一次因查找次数上限（每分钟 20 次，每小时 300 次）被拒绝：查找速度超过来电所需。',
        lookups_without_cases:
          '此期间查询客户 10 次及以上，但未创建任何工单：是否在没有来电的情况下浏览客户？',
        many_lookups_per_case: '每创建一个工单就查询 10 次及以上：查询远多于来电所需。',
        many_denied: '被系统拒绝的尝试达 5 次及以上（策略、级别或角色）：是否在尝试不被允许的操作？',
        many_reveals: '显示完整电话或邮箱达 10 次及以上：超出已验证来电客户通常所需。',
      },
    },
  },
  app: {
    dashboard: {
      my_desk: '我的工作',
      tile_failed: '此卡片未能加载，一分钟后将自动重试。',
      age: {
        minutes: '%{n} 分钟',
        hours: '%{n} 小时',
        days: '%{n} 天',
      },
      agent: {
        open_cases: '我的未结工单',
        open_cases_total: '共 %{smart_count} 个未结工单，最早的在前',
        all_my_cases: '我的全部工单',
        no_open_cases: '没有未结工单。查找来电客户即可创建。',
        columns: {
          case: '工单',
          account: '账户',
          status: '账户状态',
          level: '级别',
          opened: '创建时间',
        },
        level: 'L%{level}',
        frozen: '验证已冻结',
        escalation: {
          waiting: '已升级，等待处理',
          taken: '主管已接手',
        },
        waiting: '等待客户操作',
        nothing_waiting: '没有等待客户操作的事项。',
        waiting_kinds: {
          code_sent: '已通过%{channel}发送验证码',
          email_change: '邮箱变更：等待新邮箱确认',
        },
        channels: {
          sms: '短信',
          email: '邮件',
        },
        waiting_since: '发送于 %{at} · 有效期至 %{until}',
        last_actions: '我最近的操作',
        no_actions: '最近 14 天没有操作。',
      },
      tiles: {
        actions_per_day: '每日操作（14 天，UTC）',
        actions_chart_label: '按类型堆叠的每日审计操作柱状图；下方链接可在审计日志中打开各类型。',
        action_total: '%{action}：%{count}',
        other_actions: '其他操作',
        open_trail: '打开审计日志',
        locks: '锁定与解锁',
        locked_now: '当前锁定：%{count}',
        locked_now_series: '当前锁定的账户',
        none_locked: '没有被锁定的账户。',
        unlocks: '14 天内解锁：%{count}',
        unlocks_series: '按所解除锁定原因统计的解锁',
        no_unlocks: '14 天内没有解锁。',
        unknown_reason: '原因未知',
        open_unlocks: '打开解锁记录',
        pending_approvals: '待审批的邮箱变更',
        open_approvals: '打开审批列表',
        frozen: '已冻结的验证',
        frozen_help: '3 次核验不符的工单：须由主管复核后才能继续验证。',
        open_frozen: '打开已冻结的工单',
        queue_empty: '没有待处理事项。',
        waiting_for: '已等待 %{age} · %{staff}',
        lookup_outliers: '查询次数与工单数（7 天）',
        lookup_outliers_help:
          '标记条件：查询 %{minLookups} 次及以上且没有工单，或每个工单查询 %{lookupsPerCase} 次及以上。仅供参考，并非定论。',
        lookups: '查询',
        cases_opened: '创建的工单',
        lookups_vs_cases: '查询 %{lookups} 次，工单 %{cases} 个',
        no_outliers: '没有异常。',
        open_activity: '打开客服活动',
        refused_lookups: '被拒绝的查询（7 天）',
        refused_chart_label: '每日被拒绝查询的柱状图：7 天内共 %{count} 次。',
        open_refused: '打开被拒绝的查询',
      },
    },
  },
};

export default dashboard;
