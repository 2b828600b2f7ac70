/** Lost two-factor device (issue 13, point 1): the agent's request and the supervisors' decision. zh has the same keys. */
const twoFactorReset = {
  resources: {
    'two-factor-resets': {
      name: 'Two-factor reset |||| Two-factor resets',
      title: 'Two-factor resets',
      request_title: 'Two-factor reset #%{id}',
      story:
        'How it goes: a supervisor other than the requester approves or rejects it within 7 days. Once approved, two-factor sign-in is removed, every device is signed out, the customer sets it up again at the next sign-in, and both the registered email and phone are told.',
      fields: {
        id: 'Request',
        accountId: 'Account',
        requestedBy: 'Requested by',
        reason: 'Reason',
        status: 'Status',
        createdAt: 'Requested',
        decidedAt: 'Decided',
        decisionReason: 'Decision reason',
      },
      statuses: {
        pending_approval: 'Awaiting approval',
        completed: 'Done',
        rejected: 'Rejected',
        expired: 'Expired',
      },
      request: {
        label: 'Reset two-factor sign-in',
        confirm: 'Reset two-factor sign-in of %{name} (lost device)?',
        done: 'Two-factor reset sent for supervisor approval',
      },
      approve: {
        label: 'Approve',
        confirm: 'Approve this two-factor reset?',
        done: 'Approved: two-factor sign-in removed, devices signed out, the customer told',
      },
      reject: {
        label: 'Reject',
        confirm: 'Reject this two-factor reset?',
        description: 'Two-factor sign-in stays as it is.',
        done: 'Two-factor reset rejected',
      },
      own_request: 'You requested this reset: another supervisor must approve or reject it.',
      not_pending: 'This request is no longer awaiting approval.',
      agent_view: 'A supervisor other than the requester approves or rejects this request.',
    },
  },
};

export default twoFactorReset;
