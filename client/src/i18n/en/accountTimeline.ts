/** The account page's timeline (docs/design.md, Account timeline): one story, newest first, filterable by kind. */
const accountTimeline = {
  resources: {
    'account-timeline': {
      name: 'Timeline |||| Timeline',
      heading: 'What happened to this account',
      filter_label: 'Show',
      kinds: {
        all: 'Everything',
        sign_in: 'Sign-ins',
        action: 'Staff actions',
        message: 'Messages',
        email_change: 'Email change',
      },
      fields: {
        at: 'When',
        kind: 'Kind',
        what: 'What happened',
        by: 'By',
        detail: 'Details',
      },
      steps: {
        requested: 'Email change requested',
        approved: 'Email change approved',
        rejected: 'Email change rejected',
        expired: 'Email change expired',
        confirmed: 'New address confirmed',
        reverted: 'Email change undone by the old address',
        cancelled: 'Email change cancelled by the old address',
      },
      customer: 'Customer',
      system: 'System',
      case_ref: 'case #%{id}',
      empty: 'Nothing has happened on this account yet.',
      sign_ins_hidden:
        'Sign-ins are hidden: they show IP addresses and devices, so they are read only through an open case on this account. Open a case to see them.',
    },
  },
};

export default accountTimeline;
