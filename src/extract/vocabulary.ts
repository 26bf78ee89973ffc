/**
 * The words that label parts of a meetup page, and the agenda items that are not talks.
 * Extraction recognises labels by this table, never by their position on the page;
 * `extendVocabulary` lets a site add its own wording (see `--vocabulary`).
 */

import { textMemo } from './text-memo.js';

export type LabelRole =
  | 'theme'
  | 'talkTitle'
  | 'time'
  | 'venue'
  | 'format'
  | 'speaker'
  | 'bio'
  | 'abstract'
  | 'takeaways'
  | 'projects'
  | 'slides'
  | 'video'
  | 'livestream'
  | 'signup'
  | 'recap';

export type LabelTable = Readonly<Record<LabelRole, readonly string[]>>;

export interface Vocabulary {
  /** Label words by what they label; the longest matching word wins. */
  readonly labels: LabelTable;
  /** Words of agenda items that are not talks (sign-in, breaks, meals …). */
  readonly nonTalk: readonly string[];
}

const defaultLabels: LabelTable = {
  theme: ['活动主题', '直播主题', '主题', 'Topic', 'Theme'],
  talkTitle: ['分享主题', '演讲主题', '议题名称', '分享题目', '分享议题', '议题', '题目', 'Talk title', 'Talk'],
  time: ['活动时间', '时间', '日期', 'Date', 'Time', 'When'],
  venue: ['活动地点', '地点', '地址', '会场', 'Venue', 'Location', 'Where', 'Address'],
  format: ['活动形式', '形式', 'Format'],
  speaker: ['嘉宾介绍', '嘉宾简介', '讲师介绍', '讲师简介', '分享人简介', '分享嘉宾', '嘉宾', '讲师', '分享人', '主讲人', '演讲嘉宾', '出品人', '主持人', 'Speaker', 'Speakers', 'Host', 'Moderator'],
  bio: ['个人介绍', '个人简介', 'Bio', 'About the speaker'],
  abstract: ['议题简介', '议题介绍', '分享简介', '分享内容', 'Topic 介绍', '内容简介', '演讲简介', '演讲概要', '议题大纲', '分享主题介绍', '分享内容简介', 'Abstract', 'Description'],
  takeaways: ['听众收获', '你将收获', '听众收益', '听众受益', '收获', 'Takeaways', "What you'll learn"],
  projects: ['项目地址', '开源地址', '项目链接', 'GitHub', 'Project', 'Projects', 'Repository'],
  slides: ['资料下载', '资料地址', 'PPT 下载', 'PPT下载', '幻灯片', '演讲资料', 'PPT', 'Slides', 'Deck'],
  video: ['视频回放', '视频回顾', '直播回放', '直播回顾', '直播回看', '直播视频回顾', '回放地址', '回放', 'Replay', 'Video', 'Recording'],
  livestream: ['直播间地址', '直播地址', '直播间', '直播', 'Live', 'Livestream'],
  signup: ['报名地址', '报名链接', '报名方式', '活动报名', '报名', '报名入口', '报名系统', '申请入口', '注册地址', '注册', 'Register', 'Registration', 'Sign up', 'RSVP'],
  recap: ['活动回顾', '直播回顾文章', '回顾文章', '查看文章', '现场回顾', 'Recap'],
};

/** A site's extra wording: more label words per role, more non-talk words. */
export interface VocabularyExtension {
  readonly labels?: Partial<Record<LabelRole, readonly string[]>>;
  readonly nonTalk?: readonly string[];
}

/** Merges a site's extra wording into a vocabulary (extra words are tried first). */
export function extendVocabulary(extra: VocabularyExtension, base: Vocabulary = defaultVocabulary): Vocabulary {
  const labels: Record<string, readonly string[]> = { ...base.labels };
  for (const [role, words] of Object.entries(extra.labels ?? {})) {
    labels[role] = [...(words ?? []), ...(labels[role] ?? [])];
  }
  return { labels: labels as LabelTable, nonTalk: [...(extra.nonTalk ?? []), ...base.nonTalk] };
}

export interface LabelMatch {
  readonly role: LabelRole;
  /** The text after the label and its colon, trimmed. */
  readonly rest: string;
}

/**
 * Agenda items that are not talks: sign-in, breaks, meals, photos, raffles, host openings.
 * An item is left out when its title is short and made of these words (see `isNonTalk`).
 */
const defaultNonTalkWords: readonly string[] = [
  '签到', '入场', '茶歇', '休息', '午休', '午餐', '晚餐', '用餐', '合影', '合照', '拍照', '抽奖', '互动交流', '自由交流',
  '交流环节', '庆祝', '开场致辞', '开场白', '欢迎致辞', '致欢迎辞', '结束语', '闭幕', '颁奖', '主持人', 'Q&A', 'QA', 'Registration', 'Check-in', 'Break', 'Lunch',
  'Dinner', 'Coffee', 'Opening', 'Closing', 'Welcome', 'Networking', 'Raffle', 'Photo',
  'Drinks', 'Food', 'Pizza', 'Snacks', 'Beer', 'Doors open', 'Doors', 'Mingling', 'Mingle', 'Socializing', 'Socialising', 'Group photo', 'Wrap-up', 'After party',
];

/** Words that may stand beside non-talk words without making the item a talk ("午餐时间", "抽奖与合影"). */
const FILLER = /时间|时刻|环节|与|和|及|、|&|and|the|time|\d+|[\s\p{P}\p{S}]/giu;

/**
 * Whether an agenda title names a pause or a host's moment rather than a talk: a title made of
 * non-talk words and filler only. "签到" and "午餐时间" are not talks; "签到系统设计与实现" is.
 */
export function isNonTalk(title: string, vocabulary: Vocabulary = defaultVocabulary): boolean {
  if (/主持人|司仪|\bMC\b/iu.test(title)) return true;
  let rest = title.toLowerCase();
  for (const { word, latin } of nonTalkWordsOf(vocabulary)) rest = latin ? rest.replace(latin, ' ') : rest.split(word).join(' ');
  if (rest === title.toLowerCase()) return false;
  return rest.replace(FILLER, '').length === 0;
}

const nonTalkCompiled = new WeakMap<Vocabulary, readonly { word: string; latin: RegExp | null }[]>();

/**
 * Non-talk words in lower case, longest first (so "开场致辞" goes before a shorter word inside
 * it); a Latin word as a whole-word pattern. Computed once per vocabulary, not once per title.
 */
function nonTalkWordsOf(vocabulary: Vocabulary): readonly { word: string; latin: RegExp | null }[] {
  let words = nonTalkCompiled.get(vocabulary);
  if (!words) {
    words = [...vocabulary.nonTalk]
      .sort((a, b) => b.length - a.length)
      .map((word) => {
        const w = word.toLowerCase();
        const latin = /^[a-z0-9&\- ]+$/u.test(w) ? new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gu') : null;
        return { word: w, latin };
      });
    nonTalkCompiled.set(vocabulary, words);
  }
  return words;
}

export const defaultVocabulary: Vocabulary = { labels: defaultLabels, nonTalk: defaultNonTalkWords };

/** Trailing words a label may carry ("资料下载：", "嘉宾介绍 ："); compared without case. */
const SEPARATOR = /^\s*[:：]\s*/;

/**
 * Reads `text` as "label: value" or as a bare label. Longest label wins, so "直播间地址" is not
 * read as "直播". A prefix such as "B 站" before the label is allowed only when the label is
 * followed by a colon, so ordinary sentences that start with a label word are not labels.
 */
export function matchLabel(text: string, vocabulary: Vocabulary = defaultVocabulary): LabelMatch | null {
  return labelsOf(vocabulary).read(text);
}

function readLabel(text: string, vocabulary: Vocabulary): LabelMatch | null {
  // A label sits at the start of a line: only the head of a long paragraph needs reading.
  const clean = text
    .slice(0, HEAD)
    .replace(/^[\s\-–—*#|·•>]+/u, '')
    .replace(/^[「【\[]([^」】\]]{1,12})[」】\]]/u, '$1')
    .trimEnd();
  const lower = clean.toLowerCase();
  const fullText = text.length <= HEAD;
  const { words } = labelsOf(vocabulary);
  // Only words found within the first few characters can label the line (see findLabel).
  for (const i of wordsNear(lower, vocabulary)) {
    const { word, role } = words[i]!;
    const found = findLabel(clean, lower, word);
    // The longest word is tried first, so the first hit is the best one.
    if (found !== null) return { role, rest: fullText || found === null ? found : restOf(text, clean, word) };
  }
  return null;
}

/**
 * A heading that ends with a label word names what follows it ("### | 点击即可报名",
 * "## 现场回顾"); its value is what the paragraphs under it hold.
 */
export function matchHeadingLabel(text: string, vocabulary: Vocabulary = defaultVocabulary): LabelMatch | null {
  const direct = matchLabel(text, vocabulary);
  if (direct) return direct;
  const clean = text.replace(/[\s|｜:：?？]+$/u, '').replace(/^[\s|｜#>]+/u, '').toLowerCase();
  // "## Recordings", "## Slides": an English label word may stand in the plural.
  const singular = /[a-z]s$/.test(clean) ? clean.slice(0, -1) : clean;
  const { words } = labelsOf(vocabulary);
  for (const i of wordsEnding(clean, singular, vocabulary)) {
    const { word, role } = words[i]!;
    if ((clean.endsWith(word) && clean.length - word.length <= 6) || (singular !== clean && singular.endsWith(word) && singular.length - word.length <= 6)) return { role, rest: '' };
  }
  return null;
}

/**
 * Returns the value after `word` when `text` is labelled by it, else null. Only a word that
 * `lower` holds at one of its first `NEAR + 1` characters can be found here.
 */
function findLabel(text: string, lower: string, w: string): string | null {
  if (lower === w) return '';
  if (lower.startsWith(w)) {
    const after = text.slice(w.length);
    const sep = SEPARATOR.exec(after);
    if (sep) return after.slice(sep[0].length).trim();
  }
  // A short prefix ("B 站直播间地址：", "本次活动地点：") then the label and a colon.
  const at = lower.indexOf(w);
  if (at > 0 && at <= NEAR) {
    const after = text.slice(at + w.length);
    const sep = SEPARATOR.exec(after);
    if (sep) return after.slice(sep[0].length).trim();
  }
  return null;
}

/** How much of a line is read when looking for a label at its start. */
const HEAD = 120;

/** The value after the label in the whole text, when only its head was read. */
function restOf(text: string, head: string, word: string): string {
  const lead = text.length - text.trimStart().length;
  const at = text.toLowerCase().indexOf(word, lead);
  const after = at === -1 ? text.slice(head.length) : text.slice(at + word.length);
  return after.replace(SEPARATOR, '').trim();
}

/** How far into a line a label may start (after a short prefix such as "B 站"). */
const NEAR = 6;

/**
 * The label words of a vocabulary, compiled once: every word in lower case, longest first (the
 * order words are tried in), and the words by their first and by their last UTF-16 unit, so a
 * line is compared with the few words that can start near its head or end at its end rather
 * than searched for each of the ~170 words. A hand-written index: an Aho–Corasick library
 * would find every word anywhere in the line, where only these positions matter.
 */
interface CompiledLabels {
  readonly words: readonly { readonly word: string; readonly role: LabelRole }[];
  readonly byFirst: ReadonlyMap<number, readonly number[]>;
  readonly byLast: ReadonlyMap<number, readonly number[]>;
  /** Empty words (a vocabulary built in code may hold one): found in any line. */
  readonly empty: readonly number[];
  /** `matchLabel` with this vocabulary: what lines read as, remembered (label lines recur from page to page). */
  readonly read: (text: string) => LabelMatch | null;
}

const compiled = new WeakMap<Vocabulary, CompiledLabels>();

function labelsOf(vocabulary: Vocabulary): CompiledLabels {
  let labels = compiled.get(vocabulary);
  if (!labels) {
    const words = (Object.entries(vocabulary.labels) as [LabelRole, readonly string[]][])
      .flatMap(([role, list]) => list.map((word) => ({ word: word.toLowerCase(), role })))
      .sort((a, b) => b.word.length - a.word.length);
    const byFirst = new Map<number, number[]>();
    const byLast = new Map<number, number[]>();
    const empty: number[] = [];
    words.forEach(({ word }, i) => {
      if (word === '') return void empty.push(i);
      for (const [map, unit] of [[byFirst, word.charCodeAt(0)], [byLast, word.charCodeAt(word.length - 1)]] as const) {
        const list = map.get(unit);
        if (list) list.push(i);
        else map.set(unit, [i]);
      }
    });
    labels = { words, byFirst, byLast, empty, read: textMemo((text) => readLabel(text, vocabulary)) };
    compiled.set(vocabulary, labels);
  }
  return labels;
}

/** Indexes (ascending, so longest first) of the words `lower` holds at one of its first NEAR + 1 positions. */
function wordsNear(lower: string, vocabulary: Vocabulary): number[] {
  const { words, byFirst, empty } = labelsOf(vocabulary);
  const found = [...empty];
  const last = Math.min(NEAR, lower.length - 1);
  for (let at = 0; at <= last; at++) {
    for (const i of byFirst.get(lower.charCodeAt(at)) ?? []) {
      if (lower.startsWith(words[i]!.word, at) && !found.includes(i)) found.push(i);
    }
  }
  return found.length > 1 ? found.sort((a, b) => a - b) : found;
}

/** Indexes (ascending) of the words that `clean` or `singular` end with. */
function wordsEnding(clean: string, singular: string, vocabulary: Vocabulary): number[] {
  const { words, byLast, empty } = labelsOf(vocabulary);
  const found = [...empty];
  for (const text of clean === singular ? [clean] : [clean, singular]) {
    for (const i of byLast.get(text.charCodeAt(text.length - 1)) ?? []) {
      if (text.endsWith(words[i]!.word) && !found.includes(i)) found.push(i);
    }
  }
  return found.length > 1 ? found.sort((a, b) => a - b) : found;
}
