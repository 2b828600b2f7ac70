/** The console shell's own texts: sign-in, language switch, dashboard, roles. */
const app = {
  app: {
    title: 'Recovery Desk',
    language: {
      label: 'Language',
      en: 'English',
      zh: '简体中文',
      en_short: 'EN',
      zh_short: '中文',
    },
    roles: {
      agent: 'Agent',
      supervisor: 'Supervisor',
    },
    login: {
      heading: 'Sign in to Recovery Desk',
      intro: 'For support staff only. Every sign-in is recorded.',
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      code_heading: 'Enter your authenticator code',
      code_intro: 'Open your authenticator app and type the 6-digit code it shows for Recovery Desk.',
      code: '6-digit code',
      verify: 'Verify',
      start_again: 'Start again',
      errors: {
        required: 'Type your username and password.',
        wrong_credentials: 'Wrong username or password.',
        locked: 'Too many failed sign-ins: this staff account is locked for 15 minutes.',
        code_format: 'The code has 6 digits.',
        code_rejected: 'That code was not accepted. Check your authenticator and try again.',
        code_expired: 'Your sign-in took too long. Start again with your password.',
        too_many_codes: 'Too many wrong codes. Start again with your password.',
        network: 'Cannot reach the server. Check your connection and try again.',
        unexpected: 'Sign-in failed. Try again in a moment.',
      },
    },
    dashboard: {
      title: 'Dashboard',
      greeting: 'Hello, %{name}',
      signed_in_as: 'You are signed in as: %{role}.',
      never_ask:
        'Never ask a customer for their password or a one-time code: nobody at support needs them, and you will never see them.',
    },
  },
};

export default app;
