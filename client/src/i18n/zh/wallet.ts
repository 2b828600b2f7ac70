import type en from '../en/wallet';
import type { Messages } from '../types';

/** 客户自己的页面（/wallet/*，重置密码）：用平实的语言，不用客服术语。 */
const wallet: Messages<typeof en> = {
  app: {
    wallet: {
      brand: 'OKPay',
      link: {
        checking: '正在检查您的链接…',
        used_title: '此链接已被使用',
        expired_title: '此链接已过期',
      },
      reset: {
        title: '设置新密码',
        intro: '新密码至少需要 %{min} 个字符。由几个互不相关的词组成的密码更安全。',
        new_password: '新密码',
        repeat_password: '再次输入新密码',
        show_passwords: '显示密码',
        submit: '修改密码',
        busy: '正在修改密码…',
        restored: '页面已重新加载。为了您的安全，我们从不保存密码：请重新输入新密码。',
        done_title: '密码已修改',
        done_text: '现在您可以使用新密码登录。',
        done_devices: '为了您的安全，所有已登录您账户的手机和电脑均已退出登录。',
        errors: {
          too_short: '请至少使用 %{min} 个字符。',
          too_long: '最多只能使用 %{max} 个字符。',
          mismatch: '两次输入的密码不一致。',
          link_used:
            '您的密码已通过此链接修改过。如果不是您本人操作，请立即致电 OKPay 客服；如需再次修改，请联系 OKPay 客服获取新的链接。',
          link_expired: '重置链接只在一小时内有效。请联系 OKPay 客服获取新的链接。',
          expired_title: '此链接已无法使用',
          expired: '此链接已过期或已被使用。请联系 OKPay 客服获取新的链接。',
          too_many: '您的网络尝试次数过多。请等待一分钟后再试。',
          network: '无法连接 OKPay。请检查网络连接后再试。',
          unexpected: '密码未修改。请稍后再试。',
        },
      },
      invalid: {
        title: '此链接无效',
        text: '请按 OKPay 消息中的原样打开链接，或联系 OKPay 客服获取新的链接。',
      },
      never_share: 'OKPay 工作人员绝不会向您索取密码。',
    },
  },
};

export default wallet;
