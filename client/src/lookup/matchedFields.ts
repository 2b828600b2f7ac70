/**
 * The i18n key that says why a candidate matched: the server's matchedFields entry
 * ("fullName:partial:pinyin") as a key under journey.lookup.matched (fullNamePartialPinyin).
 */
export function matchedFieldKey(field: string): string {
  const [head = '', ...rest] = field.split(':');
  const camel = rest.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
  return `journey.lookup.matched.${head}${camel}`;
}
