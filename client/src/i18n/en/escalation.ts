/**
 * Issue 14: case notes, escalation to a supervisor, hand-offs and resolutions (docs/design.md, Case
 * ownership and escalation). zh/escalation.ts has the same keys.
 */
const escalation = {
  resources: {
    escalations: {
      name: 'Escalation |||| Escalations',
      title: 'Escalated cases',
      empty: 'No case is waiting for a supervisor.',
      waiting_badge: '%{count} waiting for a supervisor',
      fields: {
        id: 'Case',
        account: 'Account',
        accountStatus: 'Account status',
        level: 'Level',
        checks: 'Checks',
        escalatedBy: 'Escalated by',
        escalationReason: 'Reason',
        age: 'Waiting',
        riskSignals: 'Risk signals',
        notes: 'Notes',
      },
      age: '%{minutes} min',
      age_seconds: '%{seconds} s',
      no_notes: 'No notes',
      open: 'Open the case',
    },
    cases: {
      scopes: { label: 'Show', mine: 'My cases', escalated_by_me: 'Escalated by me' },
      resolutions: {
        unlocked: 'Unlocked',
        reset_sent: 'Reset sent',
        email_changed: 'Email changed',
        two_factor_reset_filed: 'Two-factor reset filed',
        information_only: 'Information only',
        referred: 'Referred to another team',
        impostor_suspected: 'Impostor suspected',
        caller_hung_up: 'Caller hung up',
      },
      close: {
        title: 'Close case #%{id}',
        resolution: 'Resolution',
        choose: 'Choose how the contact ended.',
        done: 'Case closed',
      },
      impostor: {
        heading: 'Not the owner?',
        help: 'If the caller could not show they own this account, close the case as impostor suspected. Supervisors see it, and the account shows the signal.',
        report: 'Impostor suspected',
        report_and_hold: 'Impostor suspected — hold the account',
        done: 'Closed as impostor suspected',
        signal: 'Impostor suspected on this account (%{count}): the last report was %{time}.',
      },
      notes: {
        heading: 'Notes',
        empty: 'No notes yet.',
        label: 'New note',
        help: 'Never write what the caller must keep secret: codes, passwords, card numbers. Notes cannot be edited: a correction is a new note.',
        add: 'Add note',
        added: 'Note added',
        by: '%{author} · %{time}',
        secret: {
          one_time_code: 'Never write what the caller must keep secret: this looks like a one-time code.',
          password: 'Never write what the caller must keep secret: this looks like a password.',
          card_number: 'Never write what the caller must keep secret: this looks like a full card number.',
        },
      },
      handoff: {
        escalate: 'Escalate to a supervisor',
        escalate_title: 'Escalate case #%{id} to a supervisor',
        escalate_help:
          'The case goes to the supervisors’ queue. Keep the caller on the line: a supervisor takes it over with the verification already done.',
        escalated: 'Escalated: waiting for a supervisor',
        waiting: 'Waiting for a supervisor since %{time}.',
        take: 'Take this case',
        taken: 'You took the case: its verification is still valid',
        taken_by: 'A supervisor took this case; you can read it but no longer act in it.',
        return: 'Return to the agent',
        return_title: 'Return case #%{id} to the agent who escalated it',
        return_note: 'Note for the agent',
        returned: 'Case returned to the agent',
        transfer: 'Transfer',
        transfer_title: 'Transfer case #%{id}',
        transfer_to: 'To',
        transferred: 'Case transferred',
        read_only: 'You can read this case, but %{owner} owns it now.',
        owner_unknown: 'someone else',
        history: 'Hand-offs',
        kinds: {
          escalate: '%{from} escalated it',
          take: '%{to} took it from %{from}',
          return: '%{from} returned it to %{to}',
          transfer: '%{from} transferred it to %{to}',
        },
      },
    },
  },
  journey: {
    fields: { text: 'Note', note: 'Note', staffId: 'Staff member', hold: 'Hold' },
    missing: {
      case_owner: 'being the case’s current owner',
      case_visible: 'access to this case',
      role_agent: 'an agent',
      escalation_none: 'a case not waiting in the queue',
      escalation_waiting: 'a case waiting in the queue (someone may have taken it)',
      escalation_taken: 'a case taken from the queue',
    },
  },
};

export default escalation;
