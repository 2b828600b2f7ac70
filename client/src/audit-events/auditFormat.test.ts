import { describe, expect, it } from 'vitest';
import { localInputToUtcMs, utcMsToLocalInput } from './auditFilters';
import { detailsDiff, exportFilter, otherDetails, prettyDetails, savedViewFilter } from './auditFormat';

describe('audit filter times', () => {
  it('when a local date-time is typed, then the filter holds the same instant in UTC ms, and shows it back unchanged', () => {
    const ms = localInputToUtcMs('2025-03-05T14:07');
    expect(ms).toBe(new Date(2025, 2, 5, 14, 7).getTime());
    expect(utcMsToLocalInput(ms)).toBe('2025-03-05T14:07');
  });

  it('when the input is cleared or not a date, then there is no bound', () => {
    expect(localInputToUtcMs('')).toBeUndefined();
    expect(localInputToUtcMs('not a date')).toBeUndefined();
    expect(utcMsToLocalInput(undefined)).toBe('');
  });
});

describe('exportFilter', () => {
  it('when the list filter has empty or unknown keys, then only the server filter keys with values are exported', () => {
    expect(
      exportFilter({ outcome: 'denied', action: '', actorId: 3, q: 'Mei Lin', from: null, targetId: '17' }),
    ).toEqual({ outcome: 'denied', actorId: 3, targetId: '17' });
  });
});

describe('prettyDetails', () => {
  it('when details are JSON, then they are indented; when not, then they are shown as stored', () => {
    expect(prettyDetails('{"a":{"b":1}}')).toBe('{\n  "a": {\n    "b": 1\n  }\n}');
    expect(prettyDetails('{broken')).toBe('{broken');
  });
});

describe('detailsDiff', () => {
  it('when an event has before and after, then each changed field is one row, nested fields dotted, unchanged ones left out', () => {
    const details = JSON.stringify({
      before: { status: 'locked', lockReason: 'failed_attempts', version: 3, limits: { a: 1 } },
      after: { status: 'active', lockReason: null, version: 4, limits: { a: 1 } },
      why: 'x',
    });
    expect(detailsDiff(details)).toEqual([
      { field: 'status', before: 'locked', after: 'active' },
      { field: 'lockReason', before: 'failed_attempts', after: null },
      { field: 'version', before: 3, after: 4 },
    ]);
    expect(otherDetails(details)).toEqual({ why: 'x' });
  });

  it('when a field appears only after, or details are not a change, then the rows say so or there are none', () => {
    expect(detailsDiff(JSON.stringify({ after: { disabled: true } }))).toEqual([
      { field: 'disabled', before: null, after: true },
    ]);
    expect(detailsDiff(JSON.stringify({ why: 'stale_version' }))).toEqual([]);
    expect(detailsDiff('not json')).toEqual([]);
  });
});

describe('saved views', () => {
  it('when "unlocks today" is chosen, then it filters unlocks from the start of the local day; "reveals this week" from 7 days back', () => {
    const now = new Date(2026, 11, 1, 15, 30);
    expect(savedViewFilter('unlocks_today', now)).toEqual({
      action: 'account.unlock',
      from: new Date(2026, 11, 1).getTime(),
    });
    expect(savedViewFilter('reveals_week', now)).toEqual({
      action: 'account.reveal',
      from: now.getTime() - 7 * 86_400_000,
    });
    expect(savedViewFilter('denied', now)).toEqual({ outcome: 'denied' });
  });
});
