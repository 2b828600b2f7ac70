import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../shared/domain';
import en from './en';
import { pickInitialLocale } from './locale';
import { mergeMessages } from './merge';
import zh from './zh';

type Tree = { [key: string]: Tree | string | undefined };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value) for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...new Set(text.match(/%\{\w+\}/g) ?? [])].sort();

const enFlat = flatten(en as Tree);
const zhFlat = flatten(zh as Tree);

describe('translations', () => {
  it('when a key exists in English, then it exists in 简体中文, and the other way round', () => {
    const missingInZh = [...enFlat.keys()].filter((k) => !zhFlat.has(k));
    const missingInEn = [...zhFlat.keys()].filter((k) => !enFlat.has(k));
    expect({ missingInZh, missingInEn }).toEqual({ missingInZh: [], missingInEn: [] });
  });

  it('when react-admin defines a ra.* text, then both languages have it (the zh file is a complete translation)', () => {
    const raKeys = [...flatten(englishMessages as Tree).keys()];
    expect(raKeys.length).toBeGreaterThan(150);
    expect(raKeys.filter((k) => !zhFlat.has(k))).toEqual([]);
    expect(raKeys.filter((k) => !enFlat.has(k))).toEqual([]);
  });

  it('when a text takes %{variables}, then its translation takes the same ones', () => {
    const different = [...enFlat].flatMap(([key, text]) => {
      const translated = zhFlat.get(key);
      if (translated === undefined) return [];
      const [a, b] = [variables(text), variables(translated)];
      return a.join() === b.join() ? [] : [{ key, en: a, zh: b }];
    });
    expect(different).toEqual([]);
  });

  it('when a Chinese text is written, then it has a single plural form (polyglot uses one for zh)', () => {
    expect([...zhFlat].filter(([, text]) => text.includes('||||')).map(([key]) => key)).toEqual([]);
  });

  it('when a Chinese text has punctuation next to Chinese characters, then it is full-width (，：；（）？！)', () => {
    const halfWidth = /[\u4e00-\u9fff][,:;()?!]|[,:;()?!][\u4e00-\u9fff]/;
    expect([...zhFlat].filter(([, text]) => halfWidth.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('when a Chinese text is written, then it is not left empty', () => {
    const empty = [...zhFlat].filter(([key, text]) => key !== 'ra.boolean.null' && !text.trim());
    expect(empty).toEqual([]);
  });
});

describe('the audit trail', () => {
  it('when the server can audit an action, then both languages name it (the trail never shows a raw key)', () => {
    const key = (action: string) => `resources.audit-events.actions.${action}`;
    expect(AUDIT_ACTIONS.length).toBeGreaterThan(40);
    expect(AUDIT_ACTIONS.filter((a) => !enFlat.has(key(a)))).toEqual([]);
    expect(AUDIT_ACTIONS.filter((a) => !zhFlat.has(key(a)))).toEqual([]);
  });
});

describe('keys used by the console', () => {
  const srcDir = dirname(dirname(fileURLToPath(import.meta.url)));
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path);
      return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
    });

  it('when code names an i18n key literally, then the key exists in both languages', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`]((?:app|resources|ra)\.[\w.-]+)['"`]/g)) {
        if (m[1]) used.add(m[1]);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((k) => !enFlat.has(k) || !zhFlat.has(k));
    expect(missing).toEqual([]);
  });
});

describe('mergeMessages', () => {
  it('when two features add resources, then both are kept', () => {
    const merged = mergeMessages(
      { ra: {} } as never,
      { resources: { a: { name: 'A' } } },
      { resources: { b: { name: 'B' } } },
    );
    expect(merged.resources).toEqual({ a: { name: 'A' }, b: { name: 'B' } });
  });

  it('when two modules define the same key, then it throws naming the key', () => {
    expect(() => mergeMessages({ ra: {} } as never, { app: { x: '1' } }, { app: { x: '2' } })).toThrow(
      'app.x',
    );
  });
});

describe('pickInitialLocale', () => {
  it('when a language was chosen before, then it wins over the browser', () => {
    expect(pickInitialLocale('en', ['zh-CN'])).toBe('en');
    expect(pickInitialLocale('zh', ['en-US'])).toBe('zh');
  });

  it('when nothing was chosen, then a Chinese browser gets 中文 and any other English', () => {
    expect(pickInitialLocale(null, ['zh-CN', 'en'])).toBe('zh');
    expect(pickInitialLocale(null, ['zh-TW'])).toBe('zh');
    expect(pickInitialLocale(null, ['ZH'])).toBe('zh');
    expect(pickInitialLocale(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(pickInitialLocale(null, ['fr'])).toBe('en');
    expect(pickInitialLocale(null, [])).toBe('en');
  });

  it('when the saved value is not a known language, then it is ignored', () => {
    expect(pickInitialLocale('de', ['zh-CN'])).toBe('zh');
  });
});
