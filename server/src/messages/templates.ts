export type TemplateName =
  | 'verification_code'
  | 'password_reset_link'
  | 'password_reset_code'
  | 'account_unlocked'
  | 'account_held'
  | 'devices_signed_out'
  | 'password_changed'
  | 'email_change_confirm'
  | 'email_change_notice_old'
  | 'email_change_completed';

type Rendered = { subject: string; body: string };

// Placeholder wording; the messages domain owns the final texts.
export function renderTemplate(
  template: TemplateName,
  language: 'en' | 'zh',
  vars: Record<string, string>,
): Rendered {
  const lines = Object.entries(vars)
    .filter(([k]) => k !== 'name')
    .map(([k, v]) => `${k}: ${v}`);
  const subject = language === 'zh' ? `OKPay 通知: ${template}` : `OKPay notice: ${template}`;
  return { subject, body: [vars.name ?? '', ...lines].join('\n') };
}
