import type en from '../en/app';
import type { Messages } from '../types';

/** 控制台外壳自身的文本：登录、语言切换、工作台、角色。 */
const app: Messages<typeof en> = {
  app: {
    title: 'Recovery Desk 账户恢复台',
    language: {
      label: '语言',
      en: 'English',
      zh: '简体中文',
      en_short: 'EN',
      zh_short: '中文',
    },
    roles: {
      agent: '客服专员',
      supervisor: '主管',
    },
    login: {
      heading: '登录 Recovery Desk',
      intro: '仅限客服人员使用。每次登录都会被记录。',
      username: '用户名',
      password: '密码',
      submit: '登录',
      code_heading: '输入身份验证器中的验证码',
      code_intro: '打开身份验证器应用，输入 Recovery Desk 对应的 6 位验证码。',
      code: '6 位验证码',
      verify: '验证',
      start_again: '重新开始',
      errors: {
        required: '请输入用户名和密码。',
        wrong_credentials: '用户名或密码错误。',
        locked: '登录失败次数过多：此员工账户已锁定 15 分钟。',
        code_format: '验证码为 6 位数字。',
        code_rejected: '验证码未通过。请检查身份验证器后重试。',
        code_expired: '登录用时过长。请重新输入密码。',
        too_many_codes: '错误验证码次数过多。请重新输入密码。',
        network: '无法连接服务器。请检查网络后重试。',
        unexpected: '登录失败。请稍后重试。',
      },
    },
    dashboard: {
      title: '工作台',
      greeting: '%{name}，您好',
      signed_in_as: '您当前的登录身份：%{role}。',
      never_ask: '切勿向客户索要密码或一次性验证码：客服工作不需要它们，您也永远看不到它们。',
    },
  },
};

export default app;
