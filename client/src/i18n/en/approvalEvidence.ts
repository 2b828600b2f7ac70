/**
 * A four-eyes request seen from every side (issue 6, point 7): the story both dialogs tell, the evidence on the
 * approval page, and the pending change on the account page. zh/approvalEvidence.ts has the same keys.
 */
const approvalEvidence = {
  resources: {
    'email-changes': {
      story:
        'How it goes: a supervisor other than the requester approves or rejects it within 7 days. Once approved, the new address gets a confirmation link, valid 24 hours, and the old address is told at once, with a link that cancels the change. When the new address confirms, the change is made, and the same link undoes it for 72 hours.',
      evidence: {
        heading: 'Evidence',
        case: 'Case',
        caseLink: 'Case #%{id}',
        level: 'Case level',
        channel: 'Channel',
        caseStatus: 'Case status',
        requester: 'Requested by',
        requesterLine: '%{name} (%{username}, %{role})',
        account: 'Account',
        openAccount: 'Open the account',
        checks: 'Verification checks in this case',
        noChecks: 'No checks were done in this case.',
        noCase: 'The case is not available.',
        factor: 'Check and outcome',
        source: 'How',
        at: 'Time',
        sources: { typed: 'Typed during the call', lookup: 'From the lookup' },
      },
      pending: {
        title: 'Email change in progress',
        requested: 'Requested by %{who} on %{time}: %{from} → %{to}',
        open: 'Open the request',
        next: {
          pending_approval: 'Next: a supervisor other than the requester approves or rejects it, by %{time}.',
          awaiting_confirmation: 'Next: the customer confirms from the new address, by %{time}.',
          completed: 'Done. The old address can undo the change until %{time}.',
        },
      },
    },
  },
};

export default approvalEvidence;
