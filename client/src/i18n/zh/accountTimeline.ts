/** 账户页的时间线：一条按时间倒序的记录，可按类别筛选。 */
const accountTimeline = {
  resources: {
    'account-timeline': {
      name: '时间线',
      heading: '此账户发生了什么',
      filter_label: '显示',
      kinds: {
        all: '全部',
        sign_in: '登录记录',
        action: '员工操作',
        message: '消息',
        email_change: '邮箱更改',
      },
      fields: {
        at: '时间',
        kind: '类别',
        what: '事件',
        by: '操作人',
        detail: '详情',
      },
      steps: {
        requested: '已申请更改邮箱',
        approved: '邮箱更改已批准',
        rejected: '邮箱更改被拒绝',
        expired: '邮箱更改已过期',
        confirmed: '新邮箱已确认',
        reverted: '旧邮箱已撤销此更改',
        cancelled: '旧邮箱已取消此更改',
      },
      customer: '客户',
      system: '系统',
      case_ref: '工单 #%{id}',
      empty: '此账户尚无任何记录。',
      sign_ins_hidden:
        '登录记录已隐藏：其中包含 IP 地址和设备信息，只能通过此账户上一个进行中的工单查看。请先创建工单。',
    },
  },
};

export default accountTimeline;
