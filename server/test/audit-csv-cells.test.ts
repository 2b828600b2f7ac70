import { describe, expect, it } from 'vitest';
import { csvCell } from '../src/audit/csv';

/**
 * The export formats every cell of millions of rows, so csvCell is written for speed; these are the bytes it
 * must keep (they are what the trail's CSV always held): formula starts defused, quotes doubled, and a
 * cell with a comma, quote or line break quoted.
 */
describe('csv cells', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['', ''],
    [42, '42'],
    [-5, "'-5"],
    ['plain', 'plain'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-x', "'-x"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['\rcr', `"'\rcr"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['王**', '王**'],
    [' =not', ' =not'],
  ])('when a cell holds %j, then the CSV holds %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
