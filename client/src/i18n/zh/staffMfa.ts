import type en from '../en/staffMfa';
import type { Messages } from '../types';

/** 员工 TOTP：绑定身份验证器页面、只显示一次的恢复码、登录验证码步骤中的恢复码选项，以及审计记录中的操作名称。 */
const staffMfa: Messages<typeof en> = {
  app: {
    enrolment: {
      heading: '设置身份验证器',
      intro: '您的角色需要用密码加手机身份验证器应用中的验证码登录。请现在完成设置，完成后即可进入控制台。',
      scan_heading: '1. 用身份验证器应用扫描此二维码',
      qr_alt: '将 Recovery Desk（%{username}）添加到身份验证器应用的二维码',
      manual: '无法扫描？请用以下密钥手动添加账户（基于时间，6 位数字）：',
      secret_label: '手动输入用的密钥',
      expires: '此密钥须在 %{time} 前确认。',
      code_heading: '2. 输入应用当前显示的 6 位验证码',
      code: '6 位验证码',
      confirm: '确认并启用',
      loading: '正在准备您的密钥……',
      sign_out: '退出登录',
      errors: {
        code_format: '验证码为 6 位数字。',
        code_rejected: '该验证码与此密钥不符。请确认应用中显示的是 Recovery Desk，然后输入下一个验证码。',
        expired: '此密钥已过期。已显示新的密钥：请重新扫描。',
        already_enrolled: '您已设置身份验证器。请用其验证码重新登录。',
        unexpected: '身份验证器设置失败。请稍后重试。',
      },
      recovery: {
        heading: '保存您的恢复码',
        intro:
          '如果手机丢失，每个恢复码可代替身份验证器验证码登录一次。恢复码只显示这一次：请抄写或打印下来，妥善保管，不要存放在这台电脑上。',
        list_label: '您的 10 个恢复码',
        saved: '我已将这些恢复码妥善保存',
        continue: '进入控制台',
      },
    },
    login: {
      use_recovery: '改用恢复码',
      use_authenticator: '使用身份验证器验证码',
      recovery_heading: '输入恢复码',
      recovery_intro: '请输入设置身份验证器时保存的恢复码之一。每个恢复码只能使用一次。',
      recovery_code: '恢复码',
      errors: {
        recovery_format: '请输入恢复码（10 位字母和数字，例如 ABCDE-23456）。',
        recovery_rejected: '该恢复码未通过。',
        recovery_used: '该恢复码已使用过。每个恢复码只能使用一次。',
      },
    },
  },
  resources: {
    'audit-events': {
      actions: {
        staff: {
          mfa_enrol: '员工设置身份验证器',
          recovery_code_use: '员工使用恢复码登录',
          recovery_codes_regenerate: '员工重新生成恢复码',
        },
      },
    },
  },
};

export default staffMfa;
