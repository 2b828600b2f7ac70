/**
 * Issue 6: the messages sent to the customer, on the account page ("the reset email never arrived"),
 * and the reset dialog's channel choice. zh/messagesSent.ts has the same keys.
 */
const messagesSent = {
  resources: {
    messages: {
      name: 'Message |||| Messages',
      heading: 'Messages sent to the customer',
      empty: 'No message has been sent to this customer.',
      fields: {
        createdAt: 'Queued',
        template: 'Message · to',
        status: 'Delivery',
        sentAt: 'Sent',
      },
      attemptsCount: '%{smart_count} attempt |||| %{smart_count} attempts',
      channels: { email: 'Email', sms: 'SMS' },
      statuses: { queued: 'Queued', sent: 'Sent', failed: 'Failed' },
      templates: {
        verification_code: 'Verification code',
        password_reset_link: 'Password reset link',
        password_reset_code: 'Password reset code',
        account_unlocked: 'Account unlocked',
        account_held: 'Account on hold',
        account_held_for_review: 'Account held for review',
        devices_signed_out: 'Devices signed out',
        password_changed: 'Password changed',
        email_change_confirm: 'Confirm the new email',
        email_change_notice_old: 'Email change notice (old address)',
        email_change_completed: 'Email changed',
        email_change_done_old: 'Email changed (old address told)',
        email_change_cancelled: 'Email change cancelled',
        two_factor_reset: 'Two-factor sign-in reset',
      },
      resend: {
        label: 'Resend',
        title: 'Send "%{template}" again to %{recipient}?',
        description: 'The same message goes back in the queue, to the registered address only.',
        done: 'Queued again',
      },
    },
  },
  journey: {
    actions: {
      passwordReset: {
        channel: 'Send it by',
        byEmail: 'Email to %{email}',
        bySms: 'SMS to %{phone}',
      },
    },
  },
};

export default messagesSent;
