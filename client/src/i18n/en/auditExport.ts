/**
 * The audit trail's CSV columns and the "one agent's actions" saved view (docs/design.md, Readable trail).
 * The server reads the column names from here too, so the CSV speaks the console's language.
 */
const auditExport = {
  resources: {
    'audit-events': {
      csv: {
        columns: {
          id: 'No.',
          at: 'Time (UTC ISO-8601)',
          actorName: 'Staff member',
          actorUsername: 'Username',
          actorRole: 'Role',
          action: 'Action',
          actionKey: 'Action code',
          target: 'Target',
          caseId: 'Case',
          outcome: 'Outcome',
          reason: 'Reason',
          ip: 'IP address',
          userAgent: 'Browser (user agent)',
          requestId: 'Request ID',
          details: 'Details (JSON)',
          prevHash: 'Previous hash',
          hash: 'Hash',
        },
        system: 'System',
        customer: 'Customer',
      },
      target_named: '%{type}: %{name}',
      agent_view: {
        button: 'One agent’s actions',
        on: 'One agent’s actions: %{name}',
        title: 'Whose actions?',
        staff: 'Staff member',
        show: 'Show their actions',
        cancel: 'Cancel',
      },
    },
  },
};

export default auditExport;
