/**
 * The audited actions audit.ts did not name yet: with it, every one of shared/domain.ts AUDIT_ACTIONS
 * (i18n.test.ts fails on an action without a text in both languages).
 */
const auditActions = {
  resources: {
    'audit-events': {
      diff: {
        title: 'What changed',
        field: 'Field',
        before: 'Before',
        after: 'After',
        fields: {
          status: 'Status',
          lockReason: 'Lock reason',
          lockedUntil: 'Locked until',
          version: 'Version',
          disabled: 'Disabled',
          role: 'Role',
          fullName: 'Full name',
          totpEnrolled: 'Authenticator',
          email: 'Email',
        },
      },
      views: {
        title: 'Saved views',
        unlocks_today: 'Unlocks today',
        denied: 'Denied attempts',
        reveals_week: 'Reveals this week',
        staff_changes: 'Changes to staff',
      },
      actions: {
        staff: {
          password_change: 'Staff changed own password',
          create: 'Create staff member',
          update: 'Edit staff member',
          disable: 'Disable staff member',
          enable: 'Enable staff member',
          reset_password: 'Reset staff password',
          unlock: 'Unlock staff sign-in',
          reset_mfa: 'Reset staff authenticator',
        },
        account: {
          email_change_request: 'Request email change',
          sign_out_device: 'Sign out one device',
          two_factor_reset_request: 'Request two-factor reset',
          import: 'Import accounts',
        },
        case: {
          note: 'Case note',
          escalate: 'Escalate case',
          take: 'Take escalated case',
          return: 'Return case to agent',
          transfer: 'Transfer case',
        },
        email_change: {
          approve: 'Approve email change',
          reject: 'Reject email change',
          expire: 'Email change expired',
        },
        two_factor_reset: {
          approve: 'Approve two-factor reset',
          reject: 'Reject two-factor reset',
        },
        wallet: {
          email_change_confirm: 'Customer confirmed new email',
          forgot_password: 'Customer asked for a reset link',
          email_change_revert: 'Customer reverted email change',
          email_change_cancel: 'Customer cancelled email change',
        },
        retention: { purge: 'Retention clean-up' },
        bench: { command: 'Benchmark command' },
      },
    },
  },
};

export default auditActions;
