/**
 * Journey 2 (forgotten registered email): the agent's hint and change request, the supervisors'
 * approval queue, and the customer's confirm / revert pages. zh/emailChange.ts has the same keys.
 */
const emailChange = {
  resources: {
    'email-changes': {
      name: 'Email change |||| Email changes',
      title: 'Email changes',
      fields: {
        id: 'Request',
        accountId: 'Account',
        caseId: 'Case',
        requestedBy: 'Requested by',
        emails: 'Old → new email',
        oldEmailMasked: 'Old email',
        newEmailMasked: 'New email',
        reason: 'Reason',
        status: 'Status',
        createdAt: 'Requested',
        decidedBy: 'Decided by',
        decidedAt: 'Decided',
        decisionReason: 'Decision reason',
        confirmedAt: 'Confirmed by the customer',
        revertUntil: 'Old address can undo until',
        revertedAt: 'Undone by the customer',
      },
      statuses: {
        pending_approval: 'Awaiting approval',
        awaiting_confirmation: 'Awaiting the customer',
        completed: 'Completed',
        rejected: 'Rejected',
        expired: 'Expired',
        reverted: 'Undone by the customer',
      },
      request_title: 'Email change request #%{id}',
      you: 'You',
      empty: 'No email changes with this status.',
      approve: {
        label: 'Approve',
        confirm: 'Approve changing the email from %{from} to %{to}?',
        done: 'Approved: the new address must now confirm; the old address was told and can cancel',
      },
      reject: {
        label: 'Reject',
        confirm: 'Reject changing the email from %{from} to %{to}?',
        description: 'The registered email stays as it is.',
        done: 'Email change rejected',
      },
      own_request: 'You requested this change: another supervisor must approve or reject it.',
      not_pending: 'This request is no longer awaiting approval.',
      agent_view: 'A supervisor other than the requester approves or rejects this request.',
      pending_badge: '%{count} awaiting approval',
    },
  },
  journey: {
    fields: { newEmail: 'New email' },
    missing: { approver_other_than_requester: 'a supervisor other than the requester' },
    actions: {
      emailHint: {
        label: 'Give email hint',
        confirm: 'Show the masked registered email of %{name}?',
        description: 'The hint is recorded in the audit trail. Read it to the caller as it is shown.',
        done: 'Hint shown (recorded in the audit trail)',
        title: 'Registered email (masked)',
        shown: 'Read this hint to the caller; never guess the hidden part aloud.',
      },
      emailChange: {
        label: 'Change registered email',
        confirm: 'Change the registered email of %{name}',
        description:
          'The registered address now is %{email}. Nothing changes until the steps below are done.',
        newEmail: 'New email address',
        newEmailHelp: 'As the caller spells it, letter by letter.',
        invalidEmail: 'Enter a valid email address.',
        done: 'Email change sent for supervisor approval',
        rejectedEmail: 'Enter a valid address that is not the current registered email.',
        address_taken: 'This address belongs to another account: ask the caller for another one.',
        open_change: 'This account already has an email change in progress (see Email changes).',
        conflict:
          'This address cannot be used: it belongs to another account, or this account already has an email change in progress (see Email changes).',
      },
    },
  },
  app: {
    wallet: {
      emailChange: {
        confirm: {
          title: 'Confirm your new email address',
          intro: 'OKPay support asked to make this address the registered email of your OKPay account.',
          warning: 'If you did not ask for this, do not confirm: close this page and call OKPay support.',
          submit: 'Confirm this address',
          busy: 'Confirming…',
          done_title: 'Email address confirmed',
          done_text: 'This is now the registered email of your OKPay account.',
          done_old:
            'Your previous email address was told when the change was approved; the link it got undoes the change for 72 hours.',
        },
        revert: {
          title: 'Undo the change of your email address',
          intro: 'OKPay support approved changing the registered email of your OKPay account.',
          consequences:
            'If the new address has not confirmed it yet, this calls the change off and nothing else changes. If the change was already made, your previous email address is restored, your account is held for review and every phone and computer signed in to it is signed out.',
          submit: 'This wasn’t me — undo the change',
          busy: 'Undoing the change…',
          done_title: 'Change undone',
          done_text: 'Your previous email address is registered again.',
          done_held:
            'For your safety your account is on hold and every device was signed out. Call OKPay support to check your account and get back in.',
          cancelled_title: 'Change cancelled',
          cancelled_text:
            'The change was called off before it took effect: this address stays the registered email.',
          cancelled_call: 'If you did not ask for a change, call OKPay support.',
        },
        errors: {
          link_used:
            'This link was already used: there is nothing more to do here. If it was not you, call OKPay support.',
          link_expired: 'This link has expired. Call OKPay support if you need help.',
          expired_title: 'This link does not work any more',
          expired: 'This link has expired or was already used. Call OKPay support if you need help.',
          conflict: 'This change cannot be completed any more. Call OKPay support.',
          too_many: 'Too many attempts from your network. Wait a minute and try again.',
          network: 'Cannot reach OKPay. Check your connection and try again.',
          unexpected: 'Nothing was changed. Try again in a moment.',
        },
      },
    },
  },
};

export default emailChange;
