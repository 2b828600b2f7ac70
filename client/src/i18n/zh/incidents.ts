/** 服务状态（问题 13 第 3 点）：主管的事件页面、横幅和账户提示。与 en 的键相同。 */
const incidents = {
  resources: {
    incidents: {
      name: '服务事件',
      title: '服务状态',
      create_title: '发布服务事件',
      edit_title: '服务事件 #%{id}',
      help: '客户会在钱包的服务状态页面上以自己的语言看到标题和说明。进行中的事件会以横幅显示在客服的每个页面上。',
      empty: '尚未发布服务事件。',
      fields: {
        id: '事件',
        title: '标题',
        titleEn: '标题（英文）',
        titleZh: '标题（中文）',
        customerTextEn: '给客户的说明（英文）',
        customerTextZh: '给客户的说明（中文）',
        affected: '受影响的功能',
        startsAt: '开始时间',
        expectedEndAt: '预计结束',
        resolvedAt: '已解决于',
        state: '状态',
      },
      parts: {
        sign_in: '登录',
        sms: '短信',
        email: '邮件',
        payments: '支付',
      },
      states: {
        active: '进行中',
        scheduled: '尚未开始',
        resolved: '已解决',
      },
      filters: { active: '仅看进行中' },
      saved: '服务事件已发布',
      updated: '服务事件已更新',
      resolve: {
        label: '标记为已解决',
        confirm: '将“%{title}”标记为已解决？',
        description: '横幅和服务状态页面将立即不再显示此事件。',
        done: '服务事件已解决',
      },
      banner: {
        label: '服务事件',
        line: '%{title}（%{parts}），自 %{time} 起',
        until: '，预计 %{time} 结束',
        open: '详情',
      },
      hint: {
        title: '登录失败发生在服务事件期间',
        line: '可能受影响：%{title}，自 %{time} 起',
        resolved: '可能受影响：%{title}，%{start} 至 %{end}',
        why: '此账户在事件期间登录失败。',
      },
      errors: {
        expectedEndAt: '预计结束时间必须晚于开始时间',
      },
    },
    'audit-events': {
      actions: {
        incident: {
          post: '发布服务事件',
          update: '编辑服务事件',
          resolve: '解决服务事件',
        },
      },
    },
  },
};

export default incidents;
