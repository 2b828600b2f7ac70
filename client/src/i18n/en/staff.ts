/** The staff resource (supervisors only) and the password change a temporary password leads to. */
const staff = {
  resources: {
    staff: {
      name: 'Staff member |||| Staff',
      fields: {
        q: 'Search',
        username: 'Username',
        fullName: 'Full name',
        role: 'Role',
        disabled: 'Disabled',
        status: 'Status',
        mustChangePassword: 'Temporary password',
        totpEnrolled: 'Authenticator',
        signInLockedUntil: 'Sign-in locked until',
        lastSignInAt: 'Last sign-in',
        createdAt: 'Created',
        reason: 'Reason',
      },
      filters: {
        active: 'Active',
        disabled: 'Disabled',
      },
      never_signed_in: 'Never',
      status: {
        active: 'Active',
        disabled: 'Disabled',
        locked: 'Sign-in locked',
      },
      yes: 'Yes',
      no: 'No',
      reason_help: 'Required, at least 5 characters. Recorded in the audit trail.',
      create: {
        title: 'New staff member',
        intro: 'They get a temporary password, shown once. They choose their own at their first sign-in.',
      },
      edit: {
        title: 'Edit %{name}',
        self_role: 'You cannot change your own role: ask another supervisor.',
      },
      temporary_password: {
        title: 'Temporary password for %{username}',
        explanation:
          'Give it to them in person or by phone. It is shown only now, works for 72 hours, and must be changed at their first sign-in.',
        until: 'Valid until %{time}',
        done: 'I have handed it over',
      },
      steps: {
        self: 'You cannot do this to yourself: ask another supervisor.',
        disable: {
          label: 'Disable',
          confirm: 'Disable %{name}?',
          description: 'Their open sessions end at once and they can no longer sign in. Nothing is deleted.',
          done: 'Disabled; their sessions have ended',
        },
        enable: {
          label: 'Enable',
          confirm: 'Enable %{name} again?',
          description: 'They can sign in again with their password.',
          done: 'Enabled',
        },
        reset_password: {
          label: 'Reset password',
          confirm: 'Reset the password of %{name}?',
          description:
            'Their password stops working and their sessions end. You get a temporary password to hand over.',
          done: 'Password reset',
        },
        unlock: {
          label: 'Unlock sign-in',
          confirm: 'Lift the sign-in lock of %{name}?',
          description: 'Their failed sign-ins are forgotten: they can sign in at once.',
          done: 'Sign-in unlocked',
        },
        reset_mfa: {
          label: 'Reset authenticator',
          confirm: 'Remove the authenticator of %{name}?',
          description:
            'For a lost or replaced phone: their sessions end and they sign in with their password alone until they enrol again.',
          done: 'Authenticator removed',
        },
      },
      conflicts: {
        username_taken: 'This username is taken: choose another.',
        already_disabled: 'Already disabled.',
        not_disabled: 'Not disabled.',
        no_change: 'Nothing changed.',
        no_mfa: 'No authenticator is enrolled.',
      },
    },
  },
  app: {
    password_change: {
      heading: 'Choose your own password',
      intro:
        'You signed in with a temporary password. Choose a password only you know before you go on (at least 12 characters).',
      current: 'Temporary or current password',
      new: 'New password',
      repeat: 'New password again',
      submit: 'Save password',
      done: 'Password saved',
      sign_out: 'Sign out',
      errors: {
        mismatch: 'The two new passwords differ.',
        too_short: 'At least 12 characters.',
        current: 'This is not your current password.',
        invalid:
          'This password cannot be used: it must differ from the current one and not contain your username.',
        locked: 'Too many wrong passwords: wait 15 minutes.',
        generic: 'The password could not be saved. Try again.',
      },
    },
  },
  journey: {
    missing: {
      staff_not_self: 'another supervisor (not yourself)',
      staff_another_active_supervisor: 'another active supervisor (the desk needs one)',
      password_changed: 'a password of your own',
    },
  },
};

export default staff;
