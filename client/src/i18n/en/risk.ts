/**
 * Issue 13: takeover risk signals on the account page and the refusals they cause (docs/design.md, Risk
 * signals). zh/risk.ts has the same keys.
 */
const risk = {
  resources: {
    'risk-signals': {
      name: 'Risk signal |||| Risk signals',
      title: 'Warning signs of a takeover',
      none: 'No warning signs on this account.',
      signals: {
        phone_changed: 'The registered phone changed on %{time}, less than 7 days ago.',
        email_changed: 'The registered email changed on %{time}, less than 7 days ago.',
        password_reset: 'The password was reset on %{time}, less than 24 hours ago.',
        new_device: '%{count} device(s) first seen in the last 24 hours (latest %{time}).',
        new_country: 'Signed in from a new country (%{countries}) on %{time}.',
        email_change_reverted: 'An email change was reverted on %{time} (last 30 days).',
        several_agents: '%{count} different agents opened cases on this account this week.',
        failed_verifications: '%{count} failed verification check(s) in the last 24 hours (latest %{time}).',
        impostor_suspected: 'An agent suspected an impostor on %{time} (last 30 days).',
      },
      effects: {
        sms_not_possession: 'An SMS code does not prove possession of this account now: use an email code.',
        elevated:
          'Two or more warning signs: actions that need L2 need L3, and unlocking failed sign-ins needs a supervisor.',
      },
    },
  },
  journey: {
    missing: {
      risk_phone_changed: 'a code other than SMS (the phone changed in the last 7 days)',
      risk_email_changed: 'more verification (the email changed recently)',
      risk_password_reset: 'more verification (the password was just reset)',
      risk_new_device: 'more verification (a new device)',
      risk_new_country: 'more verification (a sign-in from a new country)',
      risk_email_change_reverted: 'more verification (an email change was reverted)',
      risk_several_agents: 'more verification (several agents this week)',
      risk_failed_verifications: 'more verification (failed checks in 24 h)',
      risk_impostor_suspected: 'more verification (impostor suspected)',
      possession_email_otp: 'a code to the registered email (the lost phone cannot prove possession)',
      account_two_factor_enabled: 'two-factor sign-in turned on',
    },
  },
};

export default risk;
