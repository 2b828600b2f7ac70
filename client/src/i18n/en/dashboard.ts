/** The dashboards (docs/design.md, Dashboards): the agent's desk and the supervisors' tiles. */
const dashboard = {
  resources: {
    'agent-activity': {
      flag_help: {
        lookups_throttled:
          'Refused by the lookup limit (20 a minute, 300 an hour) at least once: searching faster than calls come in.',
        lookups_without_cases:
          '10 or more customers looked up in this window and no case opened: browsing without a caller?',
        many_lookups_per_case:
          '10 or more lookups for each case opened: far more searching than calls explain.',
        many_denied:
          '5 or more attempts the desk refused (policy, level or role): trying what is not allowed?',
        many_reveals:
          '10 or more full phone numbers or emails revealed: more than verified callers usually need.',
      },
    },
  },
  app: {
    dashboard: {
      my_desk: 'My desk',
      tile_failed: 'This tile could not be loaded. It will try again in a minute.',
      age: {
        minutes: '%{n} min',
        hours: '%{n} h',
        days: '%{n} d',
      },
      agent: {
        open_cases: 'My open cases',
        open_cases_total:
          '%{smart_count} open case, oldest first |||| %{smart_count} open cases, oldest first',
        all_my_cases: 'All my cases',
        no_open_cases: 'No open cases. Find a caller to start one.',
        columns: {
          case: 'Case',
          account: 'Account',
          status: 'Account status',
          level: 'Level',
          opened: 'Opened',
        },
        level: 'L%{level}',
        frozen: 'Verification frozen',
        escalation: {
          waiting: 'Escalated, waiting',
          taken: 'Taken by a supervisor',
        },
        waiting: 'Waiting on a customer',
        nothing_waiting: 'Nothing is waiting on a customer.',
        waiting_kinds: {
          code_sent: 'Code sent by %{channel}',
          email_change: 'Email change: waiting for the new address to confirm',
        },
        channels: {
          sms: 'SMS',
          email: 'email',
        },
        waiting_since: 'Sent %{at} · valid until %{until}',
        last_actions: 'My last actions',
        no_actions: 'No actions in the last 14 days.',
      },
      tiles: {
        actions_per_day: 'Actions per day (14 days, UTC)',
        actions_chart_label:
          'Stacked bar chart of audited actions per day by type; the links below open each type in the trail.',
        action_total: '%{action}: %{count}',
        other_actions: 'Other actions',
        open_trail: 'Open the trail',
        locks: 'Locks and unlocks',
        locked_now: 'Locked now: %{count}',
        locked_now_series: 'Accounts locked now',
        none_locked: 'No account is locked.',
        unlocks: 'Unlocks in 14 days: %{count}',
        unlocks_series: 'Unlocks by the lock they lifted',
        no_unlocks: 'No unlocks in 14 days.',
        unknown_reason: 'Unknown reason',
        open_unlocks: 'Open the unlocks',
        pending_approvals: 'Email changes waiting for approval',
        open_approvals: 'Open the approvals',
        frozen: 'Frozen verifications',
        frozen_help: 'Cases where 3 checks did not match: a supervisor reviews before verification goes on.',
        open_frozen: 'Open the frozen cases',
        queue_empty: 'Nothing waiting.',
        waiting_for: 'Waiting %{age} · %{staff}',
        lookup_outliers: 'Lookups against cases (7 days)',
        lookup_outliers_help:
          'Flagged: %{minLookups} or more lookups and no case, or %{lookupsPerCase} or more lookups per case opened. A hint to look at, not a verdict.',
        lookups: 'Lookups',
        cases_opened: 'Cases opened',
        lookups_vs_cases: '%{lookups} lookups, %{cases} cases',
        no_outliers: 'Nobody stands out.',
        open_activity: 'Open agent activity',
        refused_lookups: 'Refused lookups (7 days)',
        refused_chart_label: 'Bar chart of refused lookups per day: %{count} in 7 days.',
        open_refused: 'Open the refused lookups',
      },
    },
  },
};

export default dashboard;
