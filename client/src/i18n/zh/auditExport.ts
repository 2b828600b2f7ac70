/** 审计日志 CSV 的列名与“某位客服的操作”保存视图（服务器也从这里读取列名）。 */
const auditExport = {
  resources: {
    'audit-events': {
      csv: {
        columns: {
          id: '编号',
          at: '时间（UTC，ISO-8601）',
          actorName: '员工',
          actorUsername: '用户名',
          actorRole: '角色',
          action: '操作',
          actionKey: '操作代码',
          target: '对象',
          caseId: '工单',
          outcome: '结果',
          reason: '原因',
          ip: 'IP 地址',
          userAgent: '浏览器（User-Agent）',
          requestId: '请求 ID',
          details: '详情（JSON）',
          prevHash: '前一哈希',
          hash: '哈希',
        },
        system: '系统',
        customer: '客户',
      },
      target_named: '%{type}：%{name}',
      agent_view: {
        button: '某位客服的操作',
        on: '某位客服的操作：%{name}',
        title: '查看哪位客服的操作？',
        staff: '员工',
        show: '查看其操作',
        cancel: '取消',
      },
    },
  },
};

export default auditExport;
