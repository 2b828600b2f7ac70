/**
 * Issue 13: the customer's own "forgot password" page (app.wallet.forgot.*) and what the agent sees of it
 * on the account (resources.self-service.*). zh/selfService.ts has the same keys.
 */
const selfService = {
  app: {
    wallet: {
      forgot: {
        title: 'Forgot your password?',
        intro:
          'Type the email, phone number or account number you sign in with, and choose where we send a reset link.',
        login: 'Email, phone or account number',
        login_help: 'The one you use to sign in to OKPay.',
        channel: 'Send the link to',
        by_email: 'The email registered on my account',
        by_sms: 'The phone registered on my account (SMS)',
        submit: 'Send me a reset link',
        busy: 'Sending…',
        sent_title: 'Check your messages',
        sent_email:
          'If this login belongs to an OKPay account, we have sent a reset link to the email registered on it. The link works once, for one hour.',
        sent_sms:
          'If this login belongs to an OKPay account, we have sent a reset link by SMS to the phone registered on it. The link works once, for one hour.',
        not_arrived:
          'Nothing after a few minutes? Check your spam folder, or try the other channel. If it still does not arrive, call OKPay support: they can see whether it was delivered.',
        errors: {
          login_required: 'Type the email, phone number or account number you sign in with.',
          too_many: 'Too many reset requests. Wait an hour and try again, or call OKPay support.',
          unexpected: 'Nothing was sent. Try again in a moment.',
        },
      },
    },
  },
  resources: {
    messages: { templates: { self_service_reset_link: "Self-service reset link (customer's own request)" } },
    'self-service': {
      title: 'The customer tried to reset the password themselves',
      attempt: '%{time}: a reset link by %{channel} to %{recipient} — %{status}',
      channels: { email: 'email', sms: 'SMS' },
      statuses: {
        queued: 'not sent yet',
        sent: 'delivered %{time}',
        failed: 'delivery failed (%{error})',
      },
    },
  },
};

export default selfService;
