import type en from '../en/staff';
import type { Messages } from '../types';

/** 员工资源（仅限主管），以及临时密码之后的改密码。 */
const staff: Messages<typeof en> = {
  resources: {
    staff: {
      name: '员工',
      fields: {
        q: '搜索',
        username: '用户名',
        fullName: '姓名',
        role: '角色',
        disabled: '已停用',
        status: '状态',
        mustChangePassword: '临时密码',
        totpEnrolled: '身份验证器',
        signInLockedUntil: '登录锁定至',
        lastSignInAt: '最近登录',
        createdAt: '创建时间',
        reason: '原因',
      },
      filters: {
        active: '在用',
        disabled: '已停用',
      },
      never_signed_in: '从未登录',
      status: {
        active: '在用',
        disabled: '已停用',
        locked: '登录已锁定',
      },
      yes: '是',
      no: '否',
      reason_help: '必填，至少 5 个字符。会记入审计记录。',
      create: {
        title: '新员工',
        intro: '系统生成一个临时密码，只显示一次。对方首次登录时须设置自己的密码。',
      },
      edit: {
        title: '编辑 %{name}',
        self_role: '不能修改自己的角色：请另一位主管操作。',
      },
      temporary_password: {
        title: '%{username} 的临时密码',
        explanation: '请当面或电话告知对方。此密码只在此处显示一次，72 小时内有效，首次登录时必须修改。',
        until: '有效期至 %{time}',
        done: '我已交给对方',
      },
      steps: {
        self: '不能对自己执行此操作：请另一位主管操作。',
        disable: {
          label: '停用',
          confirm: '停用 %{name}？',
          description: '对方已登录的会话立即结束，且无法再登录。不会删除任何数据。',
          done: '已停用，会话已结束',
        },
        enable: {
          label: '启用',
          confirm: '重新启用 %{name}？',
          description: '对方可以用自己的密码再次登录。',
          done: '已启用',
        },
        reset_password: {
          label: '重置密码',
          confirm: '重置 %{name} 的密码？',
          description: '原密码立即失效，会话结束。您会得到一个临时密码交给对方。',
          done: '密码已重置',
        },
        unlock: {
          label: '解除登录锁定',
          confirm: '解除 %{name} 的登录锁定？',
          description: '清除其登录失败记录，对方可立即登录。',
          done: '登录锁定已解除',
        },
        reset_mfa: {
          label: '重置身份验证器',
          confirm: '移除 %{name} 的身份验证器？',
          description: '用于手机丢失或更换：对方的会话结束，重新绑定之前只用密码登录。',
          done: '身份验证器已移除',
        },
      },
      conflicts: {
        username_taken: '该用户名已被使用，请换一个。',
        already_disabled: '已经停用。',
        not_disabled: '未停用。',
        no_change: '没有任何更改。',
        no_mfa: '未绑定身份验证器。',
      },
    },
  },
  app: {
    password_change: {
      heading: '设置您自己的密码',
      intro: '您使用临时密码登录。继续之前，请设置一个只有您知道的密码（至少 12 个字符）。',
      current: '临时密码或当前密码',
      new: '新密码',
      repeat: '再次输入新密码',
      submit: '保存密码',
      done: '密码已保存',
      sign_out: '退出登录',
      errors: {
        mismatch: '两次输入的新密码不一致。',
        too_short: '至少 12 个字符。',
        current: '当前密码不正确。',
        invalid: '不能使用此密码：必须与当前密码不同，且不能包含您的用户名。',
        locked: '密码错误次数过多：请等待 15 分钟。',
        generic: '密码未能保存，请重试。',
      },
    },
  },
  journey: {
    missing: {
      staff_not_self: '另一位主管（不能是您自己）',
      staff_another_active_supervisor: '另一位在用的主管（服务台至少需要一位）',
      password_changed: '您自己的密码',
    },
  },
};

export default staff;
