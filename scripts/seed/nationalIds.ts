import type { Rng } from './random';

/**
 * National IDs in each country's usual shape (with the real check digits where they are simple),
 * so the console's "last 4" check and the import's validation see realistic input.
 */
const LETTERS = [...'ABCDEFGHJKLMNPRSTUVWXYZ'];

function cnResidentId(rng: Rng, dob: string): string {
  const area = rng.pick(['110101', '310104', '440106', '440305', '510107', '330106', '320102', '420102']);
  const body = `${area}${dob.replaceAll('-', '')}${rng.digits(3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

function spanishDni(rng: Rng): string {
  const number = rng.int(10_000_000, 99_999_999);
  return `${number}${'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23]}`;
}

function brazilCpf(rng: Rng): string {
  const digits = [...rng.digits(9)].map(Number);
  for (const length of [9, 10]) {
    const sum = digits.slice(0, length).reduce((acc, d, i) => acc + d * (length + 1 - i), 0);
    const check = (sum * 10) % 11;
    digits.push(check === 10 ? 0 : check);
  }
  const s = digits.join('');
  return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
}

export function nationalIdFor(rng: Rng, country: string, dob: string): string {
  const yy = dob.slice(2, 4);
  const mm = dob.slice(5, 7);
  switch (country) {
    case 'CN':
      return cnResidentId(rng, dob);
    case 'HK':
      return `${rng.pick(LETTERS)}${rng.digits(6)}(${rng.digits(1)})`;
    case 'TW':
      return `${rng.pick(LETTERS)}${rng.pick(['1', '2'])}${rng.digits(8)}`;
    case 'SG':
      return `${Number(dob.slice(0, 4)) >= 2000 ? 'T' : 'S'}${rng.digits(7)}${rng.pick(LETTERS)}`;
    case 'US':
      return `${rng.int(100, 665)}-${rng.int(10, 99)}-${rng.int(1000, 9999)}`;
    case 'GB':
      return `${rng.pick(LETTERS)}${rng.pick(LETTERS)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.pick(['A', 'B', 'C', 'D'])}`;
    case 'DE':
      return `${rng.pick(['L', 'T', 'C', 'F', 'G'])}${rng.pick(LETTERS)}${rng.digits(7)}`;
    case 'FR':
      return `${rng.int(1, 2)} ${yy} ${mm} ${rng.int(10, 95)} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(2)}`;
    case 'ES':
      return spanishDni(rng);
    case 'MX':
      return `${rng.pick(LETTERS)}${rng.pick(LETTERS)}${rng.pick(LETTERS)}${rng.pick(LETTERS)}${yy}${mm}${dob.slice(8)}${rng.pick(['H', 'M'])}${rng.pick(['DF', 'JC', 'NL', 'MC'])}${rng.pick(LETTERS)}${rng.pick(LETTERS)}${rng.pick(LETTERS)}${rng.digits(2)}`;
    case 'BR':
      return brazilCpf(rng);
    case 'IN':
      return `${rng.int(2, 9)}${rng.digits(3)} ${rng.digits(4)} ${rng.digits(4)}`;
    case 'JP':
      return `${rng.digits(4)} ${rng.digits(4)} ${rng.digits(4)}`;
    default:
      return rng.digits(10);
  }
}
