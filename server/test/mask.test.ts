import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { birthYear, maskEmail, maskName, maskNationalId, maskPhone } from '../src/policy/mask';

describe('maskEmail', () => {
  it.each([
    ['zhang@163.com', 'z***g@1**.com'],
    ['jose.nunez@example.com', 'j***z@e**.com'],
    ['ab@x.com', 'a***@x**.com'],
    ['a@b', 'a***@b**'],
    ['first.last@mail.example.co.uk', 'f***t@m**.example.co.uk'],
    ['noat', '***'],
    ['@x.com', '***'],
  ])('when the email is "%s", then it shows as "%s"', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('when masked, then the local part past its first and last letters never shows', () => {
    const masked = maskEmail('secretive.person@gmail.com');
    expect(masked).not.toMatch(/ecretive|perso/);
    expect(masked).not.toContain('gmail');
  });
});

describe('maskPhone', () => {
  it.each([
    ['+8613812345678', '+86 *******5678'],
    ['+14155552671', '+1 ******2671'],
    ['+447911123456', '+44 ******3456'],
    ['garbage12345', '*2345'],
    ['123', '123'],
  ])('when the phone is "%s", then it shows as "%s"', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('when the phone is any country’s example mobile number, then the calling code shown is the one a full parse finds', () => {
    let checked = 0;
    for (const country of getCountries()) {
      const example = getExampleNumber(country, examples);
      if (!example) continue;
      const national = example.nationalNumber;
      expect(maskPhone(example.number)).toBe(
        `+${example.countryCallingCode} ${'*'.repeat(Math.max(national.length - 4, 0))}${national.slice(-4)}`,
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('when masked, then only the last four digits of the subscriber number remain', () => {
    expect(maskPhone('+8613812345678').replace(/\D/g, '')).toBe('865678');
  });
});

describe('birthYear and maskNationalId', () => {
  it('when given a date of birth, then only its year comes back', () => {
    expect(birthYear('1990-03-05')).toBe(1990);
  });

  it('when given the last 4 of a national ID, then the rest is starred', () => {
    expect(maskNationalId('123X')).toBe('****123X');
  });
});

describe('maskName', () => {
  it.each([
    ['王小明', '王**'],
    ['José Núñez', 'J*** N****'],
    ['  Li  ', 'L*'],
    ['欧阳 娜娜', '欧* 娜*'],
    ['', '***'],
  ])('when the name is "%s", then the trail and dashboards show "%s"', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
