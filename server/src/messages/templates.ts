export type TemplateName =
  | 'verification_code'
  | 'password_reset_link'
  | 'password_reset_code'
  | 'self_service_reset_link'
  | 'account_unlocked'
  | 'account_held'
  | 'account_held_for_review'
  | 'devices_signed_out'
  | 'device_signed_out'
  | 'password_changed'
  | 'email_change_confirm'
  | 'email_change_notice_old'
  | 'email_change_completed'
  | 'email_change_done_old'
  | 'email_change_cancelled'
  | 'two_factor_reset'
  | 'account_activity';

export type Language = 'en' | 'zh';
export type Channel = 'email' | 'sms';
type Vars = Record<string, string>;
type Rendered = { subject: string; body: string };

type Wording = {
  subject: string;
  /** Full email text; the greeting and signature are added around it. */
  email: (v: Vars) => string;
  /** One short line: SMS costs per segment and is read on a lock screen. */
  sms: (v: Vars) => string;
};

type Template = { required: readonly string[]; en: Wording; zh: Wording };

const NOT_YOU_EN = 'If this was not you, call OKPay support at once.';
const NOT_YOU_ZH = '如果这不是您本人的操作，请立即联系 OKPay 客服。';

const TEMPLATES: Record<TemplateName, Template> = {
  verification_code: {
    required: ['code'],
    en: {
      subject: 'Your OKPay verification code',
      email: (v) =>
        `Your verification code is ${v.code}. It is valid for 10 minutes.\n\nOKPay staff will never ask you to read this code aloud unless you called us. ${NOT_YOU_EN}`,
      sms: (v) => `OKPay code: ${v.code} (10 min). Only give it to OKPay support on a call you made.`,
    },
    zh: {
      subject: '您的 OKPay 验证码',
      email: (v) =>
        `您的验证码是 ${v.code}，10 分钟内有效。\n\n除非是您主动致电客服，OKPay 工作人员绝不会向您索取此验证码。${NOT_YOU_ZH}`,
      sms: (v) => `OKPay 验证码：${v.code}（10 分钟内有效）。仅在您主动致电客服时告知。`,
    },
  },
  password_reset_link: {
    required: ['link'],
    en: {
      subject: 'Reset your OKPay password',
      email: (v) =>
        `Use this link to choose a new password. It works once and expires soon:\n\n${v.link}\n\n${NOT_YOU_EN}`,
      sms: (v) => `OKPay: reset your password here (single use): ${v.link}`,
    },
    zh: {
      subject: '重置您的 OKPay 密码',
      email: (v) =>
        `请使用以下链接设置新密码。该链接仅可使用一次，并将很快失效：\n\n${v.link}\n\n${NOT_YOU_ZH}`,
      sms: (v) => `OKPay：点击重置密码（仅限一次）：${v.link}`,
    },
  },
  // The customer asked for it on /wallet/forgot-password (no agent involved).
  self_service_reset_link: {
    required: ['link'],
    en: {
      subject: 'You asked to reset your OKPay password',
      email: (v) =>
        `Someone (we hope you) asked to reset your OKPay password on our website. Use this link to choose a new one; it works once and expires in an hour:\n\n${v.link}\n\nIf you did not ask, ignore this message: your password stays as it is.`,
      sms: (v) =>
        `OKPay: you asked to reset your password. Single-use link (1 h): ${v.link} Not you? Ignore this.`,
    },
    zh: {
      subject: '您申请了重置 OKPay 密码',
      email: (v) =>
        `有人（希望是您本人）在我们的网站上申请重置您的 OKPay 密码。请使用以下链接设置新密码，该链接仅可使用一次，1 小时内有效：\n\n${v.link}\n\n如果不是您申请的，请忽略此消息，您的密码不会改变。`,
      sms: (v) => `OKPay：您申请了重置密码。一次性链接（1 小时内有效）：${v.link} 非本人操作请忽略。`,
    },
  },
  device_signed_out: {
    required: ['device'],
    en: {
      subject: 'One of your devices was signed out of OKPay',
      email: (v) =>
        `At your request, OKPay support signed your account out on this device: ${v.device}. Your other devices stay signed in. ${NOT_YOU_EN}`,
      sms: (v) => `OKPay: support signed you out on ${v.device}. Not you? Call us.`,
    },
    zh: {
      subject: '您的一台设备已退出 OKPay',
      email: (v) =>
        `应您的要求，OKPay 客服已让您的账户在此设备上退出登录：${v.device}。其他设备保持登录。${NOT_YOU_ZH}`,
      sms: (v) => `OKPay：客服已让您在 ${v.device} 上退出登录。非本人操作请致电我们。`,
    },
  },
  password_reset_code: {
    required: ['code'],
    en: {
      subject: 'Your OKPay password reset code',
      email: (v) =>
        `Your password reset code is ${v.code}. Enter it in the OKPay app to choose a new password.`,
      sms: (v) => `OKPay password reset code: ${v.code}. Never share it.`,
    },
    zh: {
      subject: '您的 OKPay 密码重置码',
      email: (v) => `您的密码重置码是 ${v.code}。请在 OKPay 应用中输入以设置新密码。`,
      sms: (v) => `OKPay 密码重置码：${v.code}。请勿告知他人。`,
    },
  },
  account_unlocked: {
    required: [],
    en: {
      subject: 'Your OKPay account is unlocked',
      email: () => `OKPay support has unlocked your account. You can sign in again. ${NOT_YOU_EN}`,
      sms: () => 'OKPay: your account was unlocked by support. Not you? Call us.',
    },
    zh: {
      subject: '您的 OKPay 账户已解锁',
      email: () => `OKPay 客服已为您解锁账户，您现在可以重新登录。${NOT_YOU_ZH}`,
      sms: () => 'OKPay：客服已为您解锁账户。非本人操作请致电我们。',
    },
  },
  account_held_for_review: {
    required: [],
    en: {
      subject: 'Your OKPay account is on hold for your protection',
      email: () =>
        'Someone contacted OKPay support about your account and could not show that they were you. To protect your money, support has put your account on hold: nobody can sign in until you call us and we confirm it is you.',
      sms: () => 'OKPay: your account is on hold for your protection. Call support to lift it.',
    },
    zh: {
      subject: '为保护您的资金，您的 OKPay 账户已暂停',
      email: () =>
        '有人就您的账户联系了 OKPay 客服，但无法证明是您本人。为保护您的资金，客服已暂停您的账户：在您致电我们并确认身份之前，任何人都无法登录。',
      sms: () => 'OKPay：为保护您的资金，账户已暂停。请联系客服解除。',
    },
  },
  account_held: {
    required: [],
    en: {
      subject: 'Your OKPay account is on hold',
      email: () =>
        'At your request, OKPay support has put your account on hold. Nobody can sign in until support lifts the hold.',
      sms: () => 'OKPay: your account is on hold at your request. Call support to lift it.',
    },
    zh: {
      subject: '您的 OKPay 账户已被冻结',
      email: () => '应您的要求，OKPay 客服已冻结您的账户。在客服解除冻结之前，任何人都无法登录。',
      sms: () => 'OKPay：应您的要求，账户已冻结。如需解除请联系客服。',
    },
  },
  // Sent to every registered channel at once when a supervisor approves the reset (docs/design.md, Two-factor reset).
  two_factor_reset: {
    required: [],
    en: {
      subject: 'Two-factor sign-in was reset on your OKPay account',
      email: () =>
        `At your request OKPay support removed the two-factor sign-in of your account (lost device) and signed you out on every device. Sign in with your password and set up two-factor sign-in again when asked. ${NOT_YOU_EN}`,
      sms: () => 'OKPay: two-factor sign-in was reset and all devices signed out. Not you? Call us now.',
    },
    zh: {
      subject: '您的 OKPay 账户两步验证已重置',
      email: () =>
        `应您的要求，OKPay 客服已移除您账户的两步验证（设备丢失），并在所有设备上将您退出登录。请使用密码登录，并按提示重新设置两步验证。${NOT_YOU_ZH}`,
      sms: () => 'OKPay：两步验证已重置，所有设备已退出登录。非本人操作请立即致电我们。',
    },
  },
  devices_signed_out: {
    required: [],
    en: {
      subject: 'You were signed out of all devices',
      email: () =>
        `OKPay has signed you out on every device. Sign in again with your password. ${NOT_YOU_EN}`,
      sms: () => 'OKPay: you were signed out on all devices. Not you? Call us.',
    },
    zh: {
      subject: '您已在所有设备上退出登录',
      email: () => `OKPay 已在所有设备上将您退出登录，请使用密码重新登录。${NOT_YOU_ZH}`,
      sms: () => 'OKPay：您已在所有设备上退出登录。非本人操作请致电我们。',
    },
  },
  password_changed: {
    required: [],
    en: {
      subject: 'Your OKPay password was changed',
      email: () => `Your OKPay password was just changed and every device was signed out. ${NOT_YOU_EN}`,
      sms: () => 'OKPay: your password was changed. Not you? Call us now.',
    },
    zh: {
      subject: '您的 OKPay 密码已更改',
      email: () => `您的 OKPay 密码刚刚被更改，所有设备均已退出登录。${NOT_YOU_ZH}`,
      sms: () => 'OKPay：您的密码已更改。非本人操作请立即致电我们。',
    },
  },
  email_change_confirm: {
    required: ['link'],
    en: {
      subject: 'Confirm your new OKPay email address',
      email: (v) =>
        `OKPay support is changing your account's email address to this one. Confirm it with this link:\n\n${v.link}\n\nIf you did not ask for this, ignore this message.`,
      sms: (v) => `OKPay: confirm your new email address: ${v.link}`,
    },
    zh: {
      subject: '确认您的 OKPay 新邮箱地址',
      email: (v) =>
        `OKPay 客服正在将您账户的邮箱更改为此地址。请通过以下链接确认：\n\n${v.link}\n\n如果这不是您的请求，请忽略此邮件。`,
      sms: (v) => `OKPay：请确认您的新邮箱地址：${v.link}`,
    },
  },
  // Sent at approval (docs/design.md, Email changes): one link cancels the pending change, and after the new
  // address confirms, the same link undoes it for 72 h.
  email_change_notice_old: {
    required: ['revertLink', 'newEmailMasked'],
    en: {
      subject: 'Your OKPay email address is being changed',
      email: (v) =>
        `OKPay support approved changing the email address of your OKPay account to ${v.newEmailMasked}.\n\nIf this was not you, use this link: before the new address confirms, it cancels the change; once the change is made, it undoes it within 72 hours, signs out every device and holds the account for review:\n\n${v.revertLink}`,
      sms: (v) =>
        `OKPay: your email is changing to ${v.newEmailMasked}. Not you? Cancel or undo (72 h): ${v.revertLink}`,
    },
    zh: {
      subject: '您的 OKPay 邮箱地址正在更改',
      email: (v) =>
        `OKPay 客服已批准将您账户的邮箱更改为 ${v.newEmailMasked}。\n\n如果这不是您本人的操作，请使用以下链接：新邮箱确认之前，它会取消此更改；更改生效后，可在 72 小时内撤销，撤销后所有设备将退出登录，账户将暂停以待审核：\n\n${v.revertLink}`,
      sms: (v) =>
        `OKPay：您的邮箱正更改为 ${v.newEmailMasked}。非本人操作请取消或在 72 小时内撤销：${v.revertLink}`,
    },
  },
  // At confirmation, to the old address that was told at approval: its earlier link still undoes the change.
  email_change_done_old: {
    required: ['newEmailMasked'],
    en: {
      subject: 'Your OKPay email address was changed',
      email: (v) =>
        `The email address of your OKPay account is now ${v.newEmailMasked}.\n\nIf this was not you, the link in our earlier message undoes the change for 72 hours. You can also call OKPay support.`,
      sms: (v) => `OKPay: your email is now ${v.newEmailMasked}. Not you? Use our earlier link within 72 h.`,
    },
    zh: {
      subject: '您的 OKPay 邮箱地址已更改',
      email: (v) =>
        `您的 OKPay 账户邮箱现为 ${v.newEmailMasked}。\n\n如果这不是您本人的操作，可在 72 小时内通过我们之前邮件中的链接撤销此更改，也可致电 OKPay 客服。`,
      sms: (v) => `OKPay：您的邮箱已更改为 ${v.newEmailMasked}。非本人操作请在 72 小时内使用之前的链接撤销。`,
    },
  },
  email_change_cancelled: {
    required: [],
    en: {
      subject: 'The change of your OKPay email address was cancelled',
      email: () =>
        `As you asked, the change of your OKPay account's email address was cancelled: this address stays registered. ${NOT_YOU_EN}`,
      sms: () => 'OKPay: the change of your email address was cancelled. Not you? Call us.',
    },
    zh: {
      subject: '您的 OKPay 邮箱更改已取消',
      email: () => `按照您的要求，您 OKPay 账户的邮箱更改已取消，此地址仍为注册邮箱。${NOT_YOU_ZH}`,
      sms: () => 'OKPay：您的邮箱更改已取消。非本人操作请致电我们。',
    },
  },
  // Several agent actions within NOTICE_COALESCE_MS, listed in one message (messages/notices.ts).
  account_activity: {
    required: ['events'],
    en: {
      subject: 'Recent changes to your OKPay account',
      email: (v) => `OKPay support made these changes to your account:\n\n${v.events}\n\n${NOT_YOU_EN}`,
      sms: (v) => `OKPay support: ${v.events}. Not you? Call us.`,
    },
    zh: {
      subject: '您的 OKPay 账户近期变动',
      email: (v) => `OKPay 客服对您的账户进行了以下操作：\n\n${v.events}\n\n${NOT_YOU_ZH}`,
      sms: (v) => `OKPay 客服：${v.events}。非本人操作请致电我们。`,
    },
  },
  email_change_completed: {
    required: [],
    en: {
      subject: 'Your OKPay email address was changed',
      email: () => `This is now the email address of your OKPay account. ${NOT_YOU_EN}`,
      sms: () => 'OKPay: your account email address was changed. Not you? Call us.',
    },
    zh: {
      subject: '您的 OKPay 邮箱地址已更改',
      email: () => `此地址现已成为您 OKPay 账户的邮箱。${NOT_YOU_ZH}`,
      sms: () => 'OKPay：您的账户邮箱已更改。非本人操作请致电我们。',
    },
  },
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/**
 * The variables that make a message redeemable (a link with a token, a one-time code). They exist in
 * plain text only in what the customer receives; the stored body has them redacted (docs/design.md, Messages).
 */
const SECRET_VARS: ReadonlySet<string> = new Set(['code', 'link', 'revertLink']);
export const REDACTED = '••••••';

/** True when the template's text carries a link or a code. */
export const carriesSecret = (template: TemplateName) =>
  TEMPLATES[template].required.some((v) => SECRET_VARS.has(v));

export const SECRET_TEMPLATES = TEMPLATE_NAMES.filter(carriesSecret);

/** A link keeps its page (the stored body still says what was sent), never its token; a code is dots. */
export function redactSecrets(text: string): string {
  return text.replace(/([?&]token=)[^&\s]+/g, `$1${REDACTED}`).replace(/(?<!\d)\d{6}(?!\d)/g, REDACTED);
}

function redactVars(vars: Vars): Vars {
  const out: Vars = { ...vars };
  for (const name of Object.keys(out)) if (SECRET_VARS.has(name)) out[name] = redactSecrets(out[name]!);
  return out;
}

export const isTemplateName = (name: string): name is TemplateName => Object.hasOwn(TEMPLATES, name);

/** The text as sent and the text as stored: the same, or the stored one without its link or code. */
export function renderSealable(
  template: TemplateName,
  language: Language,
  channel: Channel,
  vars: Vars,
): Rendered & { storedBody: string } {
  const sent = renderTemplate(template, language, channel, vars);
  if (!carriesSecret(template)) return { ...sent, storedBody: sent.body };
  return { ...sent, storedBody: renderTemplate(template, language, channel, redactVars(vars)).body };
}

/**
 * The final text of one message. A missing variable is a programming error and throws, so the
 * caller's transaction rolls back instead of sending "Your code is undefined".
 */
export function renderTemplate(
  template: TemplateName,
  language: Language,
  channel: Channel,
  vars: Vars,
): Rendered {
  const entry = isTemplateName(template) ? TEMPLATES[template] : undefined;
  if (!entry) throw new Error(`Unknown message template: ${template}`);
  const missing = entry.required.filter((k) => !vars[k]);
  if (missing.length) throw new Error(`Template ${template} needs ${missing.join(', ')}`);
  const wording = entry[language];
  if (channel === 'sms') return { subject: wording.subject, body: wording.sms(vars) };
  const greeting = language === 'zh' ? `${vars.name ?? ''}，您好：` : `Hello ${vars.name ?? ''},`;
  const signature = language === 'zh' ? 'OKPay 客服团队' : 'OKPay Support';
  return { subject: wording.subject, body: `${greeting}\n\n${wording.email(vars)}\n\n${signature}` };
}
