import { titleKey } from '../model/keys.js';
import { textMemo } from './text-memo.js';

/** Talk titles as pages write them, and the forms in which two spellings are compared. */

/** A title in quotes is a title whatever its length ("tmux"); an opening mark says so. */
export const QUOTED = /^["“'‘«「『《]/u;

const QUOTES = /^[\s《「『“"'‘【]+|[\s》」』”"'’】]+$/gu;
/** Decorations before a title: "| ", "二、", "1.", "(3)", "议题一：", "议题 1：", "Talk 2:". */
const LEADING_DECORATION = /^(?:[\s|｜>*_#]+|[一二三四五六七八九十]+[、.．]\s*|\d{1,2}\s*[、.．)）]\s*|[(（]\d{1,2}[)）]\s*|(?:议题|话题|分享|Talk|Session)\s*[一二三四五六七八九十\d]+\s*[：:]\s*)+/iu;

/** Words that introduce a keynote or a panel and are not part of its title ("圆桌环节-…"). */
export const SESSION_PREFIX = /^(?:开场演讲|主题演讲|特邀演讲|闭幕演讲|Keynote|圆桌(?:环节|讨论|对话)?|Panel(?:\s+discussion)?|Roundtable)(?:\s*[-—–:：|｜]\s*|\s+)/iu;

/**
 * Titles are short; longer text is not read as one, which also keeps every title pattern linear
 * on hostile input (a line of ten thousand spaces or brackets).
 */
const MAX_TITLE = 300;

/** "《示例议题》" → "示例议题". */
export function cleanTitle(raw: string): string {
  return raw
    .slice(0, MAX_TITLE * 4)
    .replace(/\s+/g, ' ')
    .replace(/^[\s*_#|]+|[\s*_|]+$/g, '')
    .replace(QUOTES, '')
    .trim();
}

/** The text without list numbering, table bars or quote marks in front of it. */
export function stripDecorations(text: string): string {
  return text.replace(LEADING_DECORATION, '').trim();
}

/**
 * The title inside 《》 when the text is a quoted title, possibly numbered ("二、《…》") or
 * followed by a short tail ("《…》——社区名"). Only 《》 marks a title: “…” and 「…」 quote speech
 * and labels. Null for ordinary text.
 */
export function quotedTitleIn(text: string): string | null {
  if (text.length > MAX_TITLE) return null;
  const bare = stripDecorations(text.replace(/\s+/gu, ' '));
  const m = /^《 ?([^《》]{2,}?) ?》 ?(.{0,24})$/u.exec(bare);
  return m?.[1] ? cleanTitle(m[1]) : null;
}

/** Titles' keys, remembered: each talk's title is compared with every link text and every other layout's titles. */
const keyOf = textMemo(titleKey);

/** Dice coefficient of the character bigrams of two titles' keys, 0…1. */
export function titleSimilarity(a: string, b: string): number {
  const ka = [...keyOf(a)];
  const kb = [...keyOf(b)];
  if (ka.length === 0 || kb.length === 0) return 0;
  if (ka.join('') === kb.join('')) return 1;
  const grams = (chars: string[]) => (chars.length < 2 ? [chars.join('')] : chars.slice(1).map((c, i) => `${chars[i]}${c}`));
  const counts = new Map<string, number>();
  const ga = grams(ka);
  const gb = grams(kb);
  for (const g of ga) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of gb) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}

/** Whether two spellings name the same talk: near-equal keys, or one containing the other. */
export function sameTitle(a: string, b: string): boolean {
  const ka = keyOf(a);
  const kb = keyOf(b);
  if (!ka || !kb) return false;
  if (ka === kb) return true;
  const [short, long] = ka.length < kb.length ? [ka, kb] : [kb, ka];
  if (short.length >= 6 && long.includes(short)) return true;
  return titleSimilarity(a, b) >= 0.8;
}

/** The talk a link's text names: "《甲》回放" → "甲", "甲" → "甲". */
export function titleOfLinkText(text: string): string {
  return quotedTitleIn(text) ?? cleanTitle(text);
}
