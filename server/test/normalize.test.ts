import { describe, expect, it } from 'vitest';
import {
  dateCandidates,
  foldText,
  nameKey,
  nameTokens,
  normalizeAccountNumber,
  normalizeEmail,
  normalizeNationalIdLast4,
  phoneCandidates,
  toE164,
} from '../src/policy/normalize';

describe('foldText', () => {
  it.each([
    ['José Núñez', 'jose nunez'],
    ['  JOSÉ\t\tNÚÑEZ  ', 'jose nunez'],
    ['Ｊｏｓｅ　Ｎｕｎｅｚ', 'jose nunez'],
    ['Strauß', 'strauss'],
    ['STRAUẞ', 'strauss'],
    ['Łukasz Żółć', 'lukasz zolc'],
    ['Søren Ærø', 'soren aero'],
    ['Đorđe Þór', 'dorde thor'],
    ['Œuvre', 'oeuvre'],
    ['王小明', '王小明'],
    ['Zoë Brontë', 'zoe bronte'],
    ['', ''],
  ])('when given "%s", then it folds to "%s"', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe('nameTokens and nameKey', () => {
  it.each([
    ['José Núñez', ['jose', 'nunez']],
    ['Núñez, José', ['nunez', 'jose']],
    ["O'Brien-Smith, Mary", ['obrien', 'smith', 'mary']],
    ['O’Brien', ['obrien']],
    ['Anne-Marie  St. John', ['anne', 'marie', 'st', 'john']],
    ['王小明', ['王', '小明']],
    ['王 小明', ['王', '小明']],
    ['王　小明', ['王', '小明']],
    ['王·小明', ['王', '小明']],
    ['José;Núñez', ['jose', 'nunez']],
    ['歐陽 勇', ['欧阳', '勇']],
    ['楊家豪', ['杨', '家豪']],
    [' , . ', []],
  ])('when the name is "%s", then its words are %j', (input, expected) => {
    expect(nameTokens(input)).toEqual(expected);
  });

  it('when a name is said in another order, case, width, accent or spacing, then its key is the same', () => {
    const key = nameKey('José Núñez');
    for (const variant of [
      'Núñez, José',
      'JOSE NUNEZ',
      'nunez jose',
      'Ｊｏｓｅ　Ｎｕｎｅｚ',
      '  jose   NUÑEZ ',
    ]) {
      expect(nameKey(variant)).toBe(key);
    }
    expect(key).toBe('jose nunez');
    expect(nameKey('王 小明')).toBe(nameKey('王小明'));
  });

  it('when names differ, then their keys differ', () => {
    expect(nameKey('Jose Nunez')).not.toBe(nameKey('Joseph Nunez'));
    expect(nameKey('王小明')).not.toBe(nameKey('王晓明'));
  });
});

describe('normalizeEmail', () => {
  it.each([
    [' Jose.Nunez@Example.COM ', 'jose.nunez@example.com'],
    ['ｊｏｅ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'joe@example.com'],
    ['a@b.c', 'a@b.c'],
  ])('when given "%s", then it is "%s"', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

describe('normalizeAccountNumber', () => {
  it.each([
    ['OK 1234-567 890', 'OK1234567890'],
    ['ok1234567890', 'OK1234567890'],
    ['OK.1234.567.890', 'OK1234567890'],
    ['OK–1234—567/890', 'OK1234567890'],
    ['ＯＫ１２３４５６７８９０', 'OK1234567890'],
    ['OK_1234 567 890', 'OK1234567890'],
  ])('when given "%s", then it is "%s"', (input, expected) => {
    expect(normalizeAccountNumber(input)).toBe(expected);
  });
});

describe('normalizeNationalIdLast4', () => {
  it.each([
    ['1234', '1234'],
    ['12-34', '1234'],
    ['１２３４', '1234'],
    ['11010119900305123x', '123X'],
    ['110101 19900305 1234', '1234'],
    ['12', '12'],
  ])('when given "%s", then it is "%s"', (input, expected) => {
    expect(normalizeNationalIdLast4(input)).toBe(expected);
  });
});

describe('phoneCandidates', () => {
  it.each([
    '+86 138-1234-5678',
    '+8613812345678',
    '0086 13812345678',
    '138 1234 5678',
    '13812345678',
    '(+86) 138 1234 5678',
    '＋８６ １３８１２３４５６７８',
    '86 138 1234 5678',
  ])('when a Chinese mobile is said as "%s", then +8613812345678 is a candidate', (input) => {
    expect(phoneCandidates(input)).toContain('+8613812345678');
  });

  it('when the number carries its country code, then exactly one reading comes back', () => {
    expect(phoneCandidates('+44 7911 123456')).toEqual(['+447911123456']);
    expect(phoneCandidates('001 415 555 2671')).toEqual(['+14155552671']);
  });

  it('when a national number fits several countries, then each reading comes back, preferred countries first', () => {
    const readings = phoneCandidates('(415) 555-2671');
    expect(readings).toContain('+14155552671');
    expect(readings.length).toBeGreaterThan(1);
    expect(phoneCandidates('07911 123456')).toContain('+447911123456');
    expect(phoneCandidates('07911 123456', ['GB'])).toEqual(['+447911123456']);
  });

  it.each(['', 'abc', '12', '+1 999', '+86 123', 'call me'])(
    'when "%s" is no phone number, then no candidates',
    (input) => {
      expect(phoneCandidates(input)).toEqual([]);
    },
  );
});

describe('toE164', () => {
  it('when the country is known, then the national form becomes E.164; garbage is null', () => {
    expect(toE164('138 1234 5678', 'CN')).toBe('+8613812345678');
    expect(toE164('+44 7911 123456')).toBe('+447911123456');
    expect(toE164('0044 7911 123456')).toBe('+447911123456');
    expect(toE164('not a phone')).toBeNull();
    expect(toE164('12345', 'CN')).toBeNull();
  });
});

describe('dateCandidates', () => {
  it.each([
    ['1990-03-05', ['1990-03-05']],
    ['1990/3/5', ['1990-03-05']],
    ['1990.03.05', ['1990-03-05']],
    ['1990年3月5日', ['1990-03-05']],
    ['１９９０年３月５日', ['1990-03-05']],
    ['19900305', ['1990-03-05']],
    ['05/03/1990', ['1990-03-05', '1990-05-03']],
    ['05.03.1990', ['1990-03-05', '1990-05-03']],
    ['5-3-1990', ['1990-03-05', '1990-05-03']],
    ['13/03/1990', ['1990-03-13']],
    ['03/13/1990', ['1990-03-13']],
    ['05/05/1990', ['1990-05-05']],
    ['5 March 1990', ['1990-03-05']],
    ['March 5, 1990', ['1990-03-05']],
    ['5th Mar 1990', ['1990-03-05']],
    ['1990 Mar 5', ['1990-03-05']],
    ['2000-02-29', ['2000-02-29']],
  ])('when the date is said as "%s", then the readings are %j', (input, expected) => {
    expect(dateCandidates(input)).toEqual(expected);
  });

  it.each([
    '31/02/1990',
    '1900-02-29',
    '1990-13-01',
    '1990-00-10',
    '05/03/90',
    '1899-12-31',
    '2101-01-01',
    '1990-03',
    '',
    'yesterday',
    'Foo 5 1990',
    '19901305',
  ])('when "%s" is not a full, real date, then no readings', (input) => {
    expect(dateCandidates(input)).toEqual([]);
  });
});
