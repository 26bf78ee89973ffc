/** Talk titles as pages write them, and the form in which two spellings are compared. */

const QUOTES = /^[\s《「『“"'‘【]+|[\s》」』”"'’】]+$/gu;

/** "《蚂蚁注册中心 SOFARegistry 分享》" → "蚂蚁注册中心 SOFARegistry 分享". */
export function cleanTitle(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .replace(/^[\s*_#|]+|[\s*_|]+$/g, '')
    .replace(QUOTES, '')
    .trim();
}

/** The comparison key of a title: width-folded, lower case, without spaces and punctuation. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** True when the text is wrapped in 《》 (or 「」, “”), the way Chinese pages mark a talk title. */
export function isQuotedTitle(text: string): boolean {
  return /^\s*[《「『“]\s*[^《》]{2,}\s*[》」』”]\s*$/u.test(text);
}

/** Whether two spellings name the same talk: equal keys, or one containing the other. */
export function sameTitle(a: string, b: string): boolean {
  const ka = titleKey(a);
  const kb = titleKey(b);
  if (!ka || !kb) return false;
  if (ka === kb) return true;
  const [short, long] = ka.length < kb.length ? [ka, kb] : [kb, ka];
  return short.length >= 6 && long.includes(short);
}
