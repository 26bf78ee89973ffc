import type { PersonFound } from './talk-candidate.js';
import { looksLikeOrganisation, namesOrganisationBeside, namesRole, parseSpeakerIntro } from './speaker-intro.js';
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

/** Words no person is named by: "Free Pizza:", "Code Of Conduct:", "Hosted By:", "Local Pub". */
const NOT_NAME_WORDS = new Set(
  'a an and the of for by to in on at with from our your my this that open free code update call important highlights getting there here note notes wifi password hosted doors speaker speakers agenda schedule venue location time date talk talks pizza drinks food sponsor sponsors thanks welcome new next last please how what why when where who reminder rsvp register registration parking address contact info information about join us we lightning workshop panel break lunch dinner coffee pub bar'.split(' '),
);

/**
 * Whether a short text is a person's name as agenda lines write one: a Chinese name, or
 * capitalised words none of which is a common word of notices ("Free Pizza", "Hosted By") or a
 * role; `twoWords` asks a Latin name for a given name and a family name.
 */
export function isPersonName(text: string, options: { twoWords?: boolean } = {}): boolean {
  const name = text.trim();
  if (!BARE_NAME.test(name) || namesRole(name)) return false;
  if (/^\p{Script=Han}/u.test(name)) return true;
  if (!/^\p{Lu}/u.test(name) || (options.twoWords && !/\s/u.test(name))) return false;
  return name.split(/\s+/u).every((w) => !NOT_NAME_WORDS.has(w.toLowerCase().replace(/[.'’]+$/u, '')));
}
