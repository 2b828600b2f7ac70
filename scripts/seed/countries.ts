import type { Rng } from './random';

/**
 * Per-country facts the generator draws from. Phone prefixes are real mobile ranges that
 * libphonenumber's 'max' metadata accepts with any subscriber digits (checked by the CLI tests),
 * so every seeded phone is a valid E.164 number for its country.
 */
export type CountryProfile = {
  code: string;
  weight: number;
  callingCode: string;
  /** National-number prefixes and the number of random digits that follow. */
  mobile: { prefixes: readonly string[]; rest: number };
  currency: string;
  /** Typical spend multiplier relative to USD, so amounts look local. */
  spendScale: number;
  wholeAmounts?: boolean;
  /** Share of Chinese-script names (the rest are Latin-script from `latinPool`). */
  chineseNames: number;
  traditional?: boolean;
  latinPool: 'anglo' | 'german' | 'french' | 'spanish' | 'portuguese' | 'indian' | 'japanese' | 'singapore';
  emailDomains: readonly string[];
  ipPrefixes: readonly string[];
};

const range = (from: number, to: number, prefix = '') =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

export const COUNTRIES: readonly CountryProfile[] = [
  {
    code: 'CN',
    weight: 32,
    callingCode: '86',
    mobile: {
      prefixes: [
        '130',
        '131',
        '135',
        '136',
        '137',
        '138',
        '139',
        '150',
        '151',
        '158',
        '159',
        '176',
        '177',
        '180',
        '182',
        '186',
        '187',
        '188',
        '189',
        '199',
      ],
      rest: 8,
    },
    currency: 'CNY',
    spendScale: 7,
    chineseNames: 1,
    latinPool: 'anglo',
    emailDomains: ['163.com', 'qq.com', 'qq.com', '126.com', 'sina.com', 'gmail.com', 'foxmail.com'],
    ipPrefixes: ['36.110', '58.33', '112.64', '116.228', '123.125', '183.6', '114.88'],
  },
  {
    code: 'HK',
    weight: 4,
    callingCode: '852',
    mobile: { prefixes: ['61', '63', '64', '65', '69', '94', '96', '97'], rest: 6 },
    currency: 'HKD',
    spendScale: 8,
    chineseNames: 1,
    traditional: true,
    latinPool: 'anglo',
    emailDomains: ['gmail.com', 'yahoo.com.hk', 'outlook.com', 'hotmail.com', 'netvigator.com'],
    ipPrefixes: ['42.2', '112.118', '219.76', '203.186'],
  },
  {
    code: 'TW',
    weight: 4,
    callingCode: '886',
    mobile: {
      prefixes: [
        '910',
        '912',
        '919',
        '920',
        '921',
        '928',
        '932',
        '933',
        '935',
        '937',
        '952',
        '960',
        '970',
        '978',
        '988',
      ],
      rest: 6,
    },
    currency: 'TWD',
    spendScale: 30,
    chineseNames: 1,
    traditional: true,
    latinPool: 'anglo',
    emailDomains: ['gmail.com', 'yahoo.com.tw', 'hotmail.com', 'outlook.com'],
    ipPrefixes: ['1.160', '36.224', '114.32', '220.128'],
  },
  {
    code: 'SG',
    weight: 3,
    callingCode: '65',
    mobile: {
      prefixes: ['81', '82', '83', '85', '87', '88', '90', '91', '92', '93', '94', '96', '97', '98'],
      rest: 6,
    },
    currency: 'SGD',
    spendScale: 1.35,
    chineseNames: 0.6,
    latinPool: 'singapore',
    emailDomains: ['gmail.com', 'singnet.com.sg', 'yahoo.com.sg', 'hotmail.com'],
    ipPrefixes: ['42.60', '116.86', '175.156', '202.156'],
  },
  {
    code: 'US',
    weight: 12,
    callingCode: '1',
    mobile: {
      prefixes: [
        '212',
        '213',
        '310',
        '312',
        '404',
        '415',
        '469',
        '503',
        '512',
        '617',
        '646',
        '702',
        '713',
        '718',
        '773',
        '917',
        '206',
        '305',
        '602',
      ].flatMap((npa) => range(2, 9, npa)),
      rest: 6,
    },
    currency: 'USD',
    spendScale: 1,
    chineseNames: 0,
    latinPool: 'anglo',
    emailDomains: ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com'],
    ipPrefixes: ['24.5', '73.162', '98.210', '172.58', '67.180'],
  },
  {
    code: 'GB',
    weight: 6,
    callingCode: '44',
    mobile: {
      prefixes: [...range(7400, 7415), ...range(7701, 7720), ...range(7800, 7830), ...range(7940, 7960)],
      rest: 6,
    },
    currency: 'GBP',
    spendScale: 0.8,
    chineseNames: 0,
    latinPool: 'anglo',
    emailDomains: ['gmail.com', 'hotmail.co.uk', 'btinternet.com', 'outlook.com', 'yahoo.co.uk'],
    ipPrefixes: ['81.98', '86.1', '92.40', '212.58'],
  },
  {
    code: 'DE',
    weight: 6,
    callingCode: '49',
    mobile: { prefixes: ['1511', '1512', '1515', '1516', '1520', '1522', '1573', '1577', '1590'], rest: 7 },
    currency: 'EUR',
    spendScale: 0.92,
    chineseNames: 0,
    latinPool: 'german',
    emailDomains: ['gmx.de', 'web.de', 'gmail.com', 't-online.de'],
    ipPrefixes: ['84.56', '91.64', '93.192', '217.80'],
  },
  {
    code: 'FR',
    weight: 6,
    callingCode: '33',
    mobile: {
      prefixes: ['60', '61', '62', '64', '65', '66', '67', '68', '73', '74', '75', '76', '77', '78'],
      rest: 7,
    },
    currency: 'EUR',
    spendScale: 0.92,
    chineseNames: 0,
    latinPool: 'french',
    emailDomains: ['orange.fr', 'free.fr', 'gmail.com', 'laposte.net', 'sfr.fr'],
    ipPrefixes: ['78.192', '82.64', '90.50', '176.128'],
  },
  {
    code: 'ES',
    weight: 5,
    callingCode: '34',
    mobile: { prefixes: range(60, 69), rest: 7 },
    currency: 'EUR',
    spendScale: 0.92,
    chineseNames: 0,
    latinPool: 'spanish',
    emailDomains: ['gmail.com', 'hotmail.es', 'yahoo.es', 'telefonica.net'],
    ipPrefixes: ['79.148', '83.32', '88.0', '95.16'],
  },
  {
    code: 'MX',
    weight: 5,
    callingCode: '52',
    mobile: { prefixes: ['55', '33', '81'], rest: 8 },
    currency: 'MXN',
    spendScale: 17,
    chineseNames: 0,
    latinPool: 'spanish',
    emailDomains: ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.mx'],
    ipPrefixes: ['187.188', '189.203', '201.141'],
  },
  {
    code: 'BR',
    weight: 6,
    callingCode: '55',
    mobile: { prefixes: ['119', '219', '319', '419', '519', '619', '719', '819'], rest: 8 },
    currency: 'BRL',
    spendScale: 5,
    chineseNames: 0,
    latinPool: 'portuguese',
    emailDomains: ['gmail.com', 'hotmail.com', 'uol.com.br', 'bol.com.br', 'outlook.com'],
    ipPrefixes: ['177.10', '179.96', '189.4', '200.150'],
  },
  {
    code: 'IN',
    weight: 7,
    callingCode: '91',
    mobile: {
      prefixes: [
        '98',
        '99',
        '97',
        '96',
        '95',
        '94',
        '93',
        '91',
        '90',
        '89',
        '88',
        '87',
        '86',
        '85',
        '84',
        '83',
        '82',
        '81',
        '80',
        '79',
        '78',
        '77',
        '76',
        '75',
        '74',
        '73',
        '72',
        '70',
      ],
      rest: 8,
    },
    currency: 'INR',
    spendScale: 83,
    chineseNames: 0,
    latinPool: 'indian',
    emailDomains: ['gmail.com', 'yahoo.co.in', 'rediffmail.com', 'outlook.com'],
    ipPrefixes: ['49.36', '106.192', '117.96', '122.160'],
  },
  {
    code: 'JP',
    weight: 4,
    callingCode: '81',
    mobile: { prefixes: [...range(901, 909), ...range(801, 809), ...range(701, 709)], rest: 7 },
    currency: 'JPY',
    spendScale: 150,
    wholeAmounts: true,
    chineseNames: 0,
    latinPool: 'japanese',
    emailDomains: ['gmail.com', 'yahoo.co.jp', 'docomo.ne.jp', 'icloud.com'],
    ipPrefixes: ['60.32', '126.0', '153.144', '219.100'],
  },
];

export function mobileNumber(rng: Rng, country: CountryProfile): string {
  return `+${country.callingCode}${rng.pick(country.mobile.prefixes)}${rng.digits(country.mobile.rest)}`;
}

export function ipAddress(rng: Rng, country: CountryProfile): string {
  return `${rng.pick(country.ipPrefixes)}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
}
