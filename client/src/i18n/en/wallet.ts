/** The customer's own pages under /wallet/* (reset password); plain words, no support jargon. */
const wallet = {
  app: {
    wallet: {
      brand: 'OKPay',
      link: {
        checking: 'Checking your link…',
        used_title: 'This link was already used',
        expired_title: 'This link has expired',
      },
      reset: {
        title: 'Choose a new password',
        intro: 'Your new password needs at least %{min} characters. A few unrelated words make a strong one.',
        new_password: 'New password',
        repeat_password: 'Repeat the new password',
        show_passwords: 'Show passwords',
        submit: 'Change password',
        busy: 'Changing your password…',
        restored: 'The page was reloaded. For your safety a password is never kept: type the new one again.',
        done_title: 'Password changed',
        done_text: 'You can now sign in with your new password.',
        done_devices:
          'For your safety, every phone and computer that was signed in to your account has been signed out.',
        errors: {
          too_short: 'Use at least %{min} characters.',
          too_long: 'Use at most %{max} characters.',
          mismatch: 'The two passwords are not the same.',
          link_used:
            'Your password was already changed with this link. If that was not you, call OKPay support now. To change it again, ask OKPay support for a new link.',
          link_expired: 'A reset link works for one hour only. Ask OKPay support for a new one.',
          expired_title: 'This link does not work any more',
          expired: 'This link has expired or was already used. Ask OKPay support for a new one.',
          too_many: 'Too many attempts from your network. Wait a minute and try again.',
          network: 'Cannot reach OKPay. Check your connection and try again.',
          unexpected: 'Your password was not changed. Try again in a moment.',
        },
      },
      invalid: {
        title: 'This link is not valid',
        text: 'Open the link exactly as it appears in the message from OKPay, or ask OKPay support for a new one.',
      },
      never_share: 'OKPay staff will never ask you for your password.',
    },
  },
};

export default wallet;
