import type { PersonFound } from './talk-candidate.js';
import { looksLikeOrganisation, namesOrganisationBeside, parseSpeakerIntro } from './speaker-intro.js';
import { defaultVocabulary, matchLabel, type Vocabulary } from './vocabulary.js';

/** Words of a host's role: a host presents nothing, except as a panel's moderator. */
export const HOST = /主持人|主持|司仪|\bhost\b|\bMC\b|moderator/iu;

/** A person whose only role is to host: not a presenter unless a panel names them as moderator. */
export function isHostLine(text: string): boolean {
  return HOST.test(text) && text.length < 40;
}

/** Titles of panels, where the moderator is one of the presenters. */
export const PANEL = /圆桌|座谈|对谈|panel|roundtable|fireside/iu;

export interface SplitOptions {
  /** In a panel the moderator (主持人) presents too. */
  readonly keepHosts?: boolean;
  readonly vocabulary?: Vocabulary;
}

/** A name slot not filled yet: "TBD", "To be announced", "待定", "神秘嘉宾". */
export const PLACEHOLDER_NAME = /^(?:tb[adc]|n\/a|to be (?:announced|decided|confirmed)|待定|待公布|敬请期待|神秘嘉宾|\?+)$/iu;

/**
 * The people of one agenda cell or speaker line: "张三（阿三），示例集团高级技术专家；李四（阿四），…",
 * "张三、李四", "主持人：张三；嘉宾：李四、王五", "Jane Doe & John Roe". Hosts are left out
 * unless `keepHosts`.
 */
export function splitPeople(text: string, line: number | null, options: SplitOptions = {}): PersonFound[] {
  const out: PersonFound[] = [];
  // A cell or a line of names is short; a page of text is not a list of people.
  for (const raw of text.slice(0, 1000).split(/[；;\n]/u)) {
    let part = raw.trim();
    if (!part) continue;
    const label = matchLabel(part, options.vocabulary ?? defaultVocabulary);
    const labelledHost = label?.role === 'speaker' && HOST.test(part.slice(0, part.length - label.rest.length));
    if (label?.role === 'speaker' && label.rest) part = label.rest;
    if (!options.keepHosts && (labelledHost || isHostLine(part))) continue;
    const pieces = part.split(/\s*\/\s*|\s+&\s+|\s+and\s+/u).filter(Boolean);
    // "李华 / PingCAP": a name, then the organisation, not two people.
    const [who, org] = pieces;
    if (pieces.length === 2 && who && org && part.includes('/') && namesOrganisationBeside(who, org)) {
      const intro = parseSpeakerIntro(who);
      if (intro && !PLACEHOLDER_NAME.test(intro.name.trim())) out.push({ ...intro, affiliation: intro.affiliation ?? org.trim(), bio: null, line });
      continue;
    }
    for (const piece of pieces.length > 1 ? pieces : splitNameList(part)) {
      const intro = parseSpeakerIntro(piece);
      if (intro && !PLACEHOLDER_NAME.test(intro.name.trim())) out.push({ ...intro, bio: null, line });
    }
  }
  return out;
}

/** A name alone, with its 花名 in brackets if any: "张三", "李四（花名：阿四）", "Ada Wong". */
export const BARE_NAME = /^(?:[\p{Script=Han}·]{2,4}|[A-Z][\p{L}'.-]*(?:\s+[A-Z][\p{L}'.-]*){0,2})\s*(?:[（(][^）)]{1,16}[）)])?$/u;

/** "张三、李四（花名：阿四）、Ada Wong" (names only) splits on 、 and ，; a sentence with roles does not. */
function splitNameList(text: string): string[] {
  const parts = text.split(/\s*[、，,]\s*/u);
  // "Li Na, Example Labs" is a person and where they work, not two people.
  const namesOnly = parts.length > 1 && parts.every((p) => BARE_NAME.test(p) && !looksLikeOrganisation(p));
  return namesOnly ? parts : [text];
}
