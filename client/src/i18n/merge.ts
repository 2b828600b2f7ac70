import type { TranslationMessages } from 'ra-core';

type Tree = { [key: string]: Tree | string | undefined };

function mergeInto(target: Tree, source: Tree, path: string): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const existing = target[key];
    const where = path ? `${path}.${key}` : key;
    if (typeof value === 'string') {
      // Two modules defining the same text is a mistake, not an override.
      if (existing !== undefined) throw new Error(`i18n key defined twice: ${where}`);
      target[key] = value;
    } else {
      if (typeof existing === 'string') throw new Error(`i18n key is both a text and a group: ${where}`);
      const branch: Tree = existing ?? {};
      target[key] = branch;
      mergeInto(branch, value, where);
    }
  }
}

/**
 * Deep-merges message modules (react-admin's ra.*, the shell's app.*, and each feature's
 * resources.<name>.* / app.<feature>.*), so features can share the `resources` and `app` roots.
 */
export function mergeMessages(ra: TranslationMessages, ...modules: object[]): TranslationMessages {
  const result: Tree = {};
  for (const module of [ra, ...modules]) mergeInto(result, module as Tree, '');
  return result as TranslationMessages;
}
