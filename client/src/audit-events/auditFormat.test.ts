import { describe, expect, it } from 'vitest';
import { localInputToUtcMs, utcMsToLocalInput } from './auditFilters';
import { exportFilter, prettyDetails } from './auditFormat';

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
