/**
 * Staff TOTP (docs/design.md, Staff TOTP enrolment): the enrolment page, the recovery codes shown once, the
 * recovery-code choice of the sign-in's code step, and the audit trail's names for their actions.
 */
const staffMfa = {
  app: {
    enrolment: {
      heading: 'Set up your authenticator',
      intro:
        'Your role signs in with a password and a code from an authenticator app on your phone. Set it up now: the console opens once it is done.',
      scan_heading: '1. Scan this code with your authenticator app',
      qr_alt: 'QR code to add Recovery Desk (%{username}) to an authenticator app',
      manual: 'Cannot scan? Add an account by hand with this key (time-based, 6 digits):',
      secret_label: 'Key for manual entry',
      expires: 'This key can be confirmed until %{time}.',
      code_heading: '2. Type the 6-digit code the app now shows',
      code: '6-digit code',
      confirm: 'Confirm and turn on',
      loading: 'Preparing your key…',
      sign_out: 'Sign out',
      errors: {
        code_format: 'The code has 6 digits.',
        code_rejected:
          'That code does not match this key. Check the app shows Recovery Desk and try the next code.',
        expired: 'This key expired. A new one is shown: scan it again.',
        already_enrolled: 'An authenticator is already set up for you. Sign in again with its code.',
        unexpected: 'The authenticator could not be set up. Try again in a moment.',
      },
      recovery: {
        heading: 'Save your recovery codes',
        intro:
          'If you lose your phone, each of these codes signs you in once instead of an authenticator code. They are shown only now: write them down or print them and keep them somewhere safe, not on this computer.',
        list_label: 'Your 10 recovery codes',
        saved: 'I have stored these codes somewhere safe',
        continue: 'Continue to the console',
      },
    },
    login: {
      use_recovery: 'Use a recovery code instead',
      use_authenticator: 'Use the authenticator code',
      recovery_heading: 'Enter a recovery code',
      recovery_intro:
        'Type one of the recovery codes you saved when you set up your authenticator. Each works once.',
      recovery_code: 'Recovery code',
      errors: {
        recovery_format: 'Type a recovery code (10 letters and digits, e.g. ABCDE-23456).',
        recovery_rejected: 'That recovery code was not accepted.',
        recovery_used: 'That recovery code was already used. Each one works once.',
      },
    },
  },
  resources: {
    'audit-events': {
      actions: {
        staff: {
          mfa_enrol: 'Staff set up authenticator',
          recovery_code_use: 'Staff signed in with a recovery code',
          recovery_codes_regenerate: 'Staff made new recovery codes',
        },
      },
    },
  },
};

export default staffMfa;
