/** The audit trail (supervisors only): list, filters, one event, verify and export. */
const audit = {
  resources: {
    'audit-events': {
      name: 'Audit event |||| Audit trail',
      title: 'Audit trail',
      show_title: 'Audit event #%{id}',
      system_actor: 'System',
      fields: {
        id: 'No.',
        at: 'Time',
        actor: 'Actor',
        actorId: 'Actor ID',
        actorUsername: 'Username',
        actorRole: 'Role',
        action: 'Action',
        target: 'Target',
        targetType: 'Target type',
        targetId: 'Target ID',
        caseId: 'Case',
        reason: 'Reason',
        outcome: 'Outcome',
        ip: 'IP address',
        userAgent: 'Browser (user agent)',
        requestId: 'Request ID',
        details: 'Details',
        prevHash: 'Previous hash',
        hash: 'Hash',
      },
      filters: {
        actor: 'Staff member',
        from: 'From (your local time)',
        to: 'To (your local time)',
        targetId: 'Target ID',
        targetId_help: "e.g. an account's ID, with target type Account",
      },
      outcomes: {
        success: 'Success',
        denied: 'Denied',
        error: 'Error',
      },
      target_types: {
        account: 'Account',
        case: 'Case',
        staff: 'Staff member',
      },
      actions: {
        staff: {
          sign_in: 'Staff sign-in',
          sign_out: 'Staff sign-out',
          mfa: 'Staff authenticator code',
        },
        access: { denied: 'Access denied' },
        account: {
          lookup: 'Find customer',
          view: 'View account',
          reveal: 'Reveal contact detail',
          email_hint: 'Give email hint',
          unlock: 'Unlock account',
          hold: 'Hold account',
          sign_out_devices: 'Sign out all devices',
          password_reset: 'Send password reset',
        },
        case: {
          open: 'Open case',
          check: 'Verification check',
          otp: 'Send one-time code',
          frozen: 'Verification frozen',
          unfreeze: 'Unfreeze verification',
          troubleshooting: 'Troubleshooting checklist',
          close: 'Close case',
        },
        message: { resend: 'Resend message' },
        wallet: {
          auto_lock: 'Wallet locked automatically',
          password_reset: 'Customer reset password',
        },
        audit: {
          verify: 'Verify audit trail',
          export: 'Export audit trail',
        },
      },
      verify: {
        button: 'Verify chain',
        running: 'Verifying…',
        intact: 'Chain intact: %{count} rows checked',
        broken: 'Chain broken at row #%{id}',
        failed: 'The chain could not be verified. Try again.',
      },
      export: {
        button: 'Export CSV',
        failed: 'The export failed. Try again.',
      },
    },
  },
};

export default audit;
