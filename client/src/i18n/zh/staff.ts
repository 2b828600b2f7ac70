import type en from '../en/staff';
import type { Messages } from '../types';

/** 员工资源(仅限主管)。 */
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
        lastSignInAt: '最近登录',
        createdAt: '创建时间',
      },
      never_signed_in: '从未登录',
    },
  },
};

export default staff;
