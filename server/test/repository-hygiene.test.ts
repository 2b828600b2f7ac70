import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('repository hygiene', () => {
  it('when the tracked files are read, then none holds a merge-conflict marker (a landing must resolve, not commit, a conflict)', () => {
    let found = '';
    try {
      found = execFileSync('git', ['grep', '-n', '-E', '^(<{7} |>{7} |={7}$)', '--', '.', ':!*.patch'], {
        encoding: 'utf8',
      });
    } catch (error) {
      // git grep exits 1 when nothing matches: the clean case.
      if ((error as { status?: number }).status !== 1) throw error;
    }
    expect(found).toBe('');
  });
});
