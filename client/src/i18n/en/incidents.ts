/** Service status (issue 13, point 3): the supervisors' incident pages, the banner, the account hint. zh has the same keys. */
const incidents = {
  resources: {
    incidents: {
      name: 'Incident |||| Incidents',
      title: 'Service status',
      create_title: 'Post an incident',
      edit_title: 'Incident #%{id}',
      help: 'Customers read the title and the text on the wallet status page, in their language. Agents see an active incident as a banner on every screen.',
      empty: 'No incidents posted.',
      fields: {
        id: 'Incident',
        title: 'Title',
        titleEn: 'Title (English)',
        titleZh: 'Title (Chinese)',
        customerTextEn: 'Text for customers (English)',
        customerTextZh: 'Text for customers (Chinese)',
        affected: 'Affected parts',
        startsAt: 'Started',
        expectedEndAt: 'Expected end',
        resolvedAt: 'Resolved',
        state: 'State',
      },
      parts: {
        sign_in: 'Sign-in',
        sms: 'SMS',
        email: 'Email',
        payments: 'Payments',
      },
      states: {
        active: 'Active',
        scheduled: 'Scheduled',
        resolved: 'Resolved',
      },
      filters: { active: 'Active only' },
      saved: 'Incident posted',
      updated: 'Incident updated',
      resolve: {
        label: 'Resolve',
        confirm: 'Resolve “%{title}”?',
        description: 'The banner and the status page stop showing it at once.',
        done: 'Incident resolved',
      },
      banner: {
        label: 'Service incident',
        line: '%{title} (%{parts}) since %{time}',
        until: ', expected to end %{time}',
        open: 'Details',
      },
      hint: {
        title: 'Failed sign-ins during a service incident',
        line: 'May be affected by: %{title} since %{time}',
        resolved: 'May be affected by: %{title}, %{start} – %{end}',
        why: 'This account failed to sign in while it was going on.',
      },
      errors: {
        expectedEndAt: 'The expected end must be after the start',
      },
    },
    'audit-events': {
      actions: {
        incident: {
          post: 'Post incident',
          update: 'Edit incident',
          resolve: 'Resolve incident',
        },
      },
    },
  },
};

export default incidents;
