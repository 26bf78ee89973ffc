/**
 * Reads who a speaker is from the sentence that introduces them:
 * "张三（花名阿三），示例集团技术专家，…", "李四，现任Acme VP，…", "王五是示例科技 某产品线…",
 * "Jane Doe, Staff Engineer at Acme". Hand-written: these are Chinese writing conventions
 * (花名 in brackets, role after the organisation) that no library models.
 */

export interface SpeakerIntro {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly affiliation: string | null;
}

// "张三-示例社区运营负责人": a dash may join the name to what the person does.
const HAN_NAME = /^([\p{Script=Han}·]{2,4}?)(?=[（(【\[，,：:\s是。；;/、|\-－–—]|$)/u;
const LATIN_NAME = /^([A-Z][\p{L}'.-]*(?:\s+[A-Z][\p{L}'.-]*){0,3})(?=\s*[（(,，:：|]|\s+is\b|\s*$)/u;
const BRACKETS = /^\s*[（(【\[]([^）)】\]]{1,24})[）)】\]]/u;
const ALIAS_WORD = /^(?:花名|昵称|英文名|网名|ID|aka|a\.k\.a\.)\s*[:：]?\s*/iu;

/** Leading words before an organisation: "现任", "就职于", "来自", "目前在". */
const LEADING_VERB = /^(?:目前|现在|现)?(?:任职于|就职于|供职于|来自|现任|现为|曾任|任|是|为|在|in)\s*/u;
const ROLE_QUALIFIER = '(?:高级|资深|首席|主任|技术|开发|研发|测试|运维|算法|软件|系统|安全|产品|解决方案|前端|后端|数据|基础架构|云原生|中间件|平台|开源|社区|项目|团队|部门|核心|\\s)*';
const ROLE = new RegExp(
  `(?:的)?${ROLE_QUALIFIER}(?:专家|工程师|架构师|负责人|作者|研究员|总监|经理|主管|顾问|讲师|布道师|创始人|联合创始人|合伙人|副总裁|总裁|董事长|成员|开发者|维护者|Leader|VP|CTO|CEO|COO|CIO|Tech Lead|TL|Committer|Maintainer|Contributor|PPMC|PMC|Engineer|Architect|Developer|Manager|Director|Founder)`,
  'u',
);
/** Words that end the name of an organisation; a run of them ("科技有限公司") is one ending. */
const ORG_ENDING = '(?:集团|股份有限公司|有限责任公司|有限公司|公司|科技|银行|证券|保险|大学|学院|研究院|研究所|实验室|基金会|事业群|事业部|Inc\\.?|Ltd\\.?|Corp\\.?|LLC|GmbH)';
const ORG_WITH_ENDING = new RegExp(`^(.*?${ORG_ENDING}+)`, 'u');
/** Where an organisation's name cannot start: words around it in a sentence. */
const AROUND_ORG = /负责|加入|就职于|任职于|供职于|来自|现任|曾任|致力于|专注于|目前|主要|[于在是的，,。、；;：:\s（）()]/u;
/** Roles held in an open-source community: the words before them name a project, not an employer. */
const COMMUNITY_ROLE = /^(?:的)?(?:开源|项目|社区|核心|\s)*(?:负责人|维护者|发起人|作者|成员|开发者|Committer|Maintainer|Contributor|PMC|PPMC)/u;

/**
 * Organisations well known in this field, recognised even without a 集团/公司 ending
 * ("蚂蚁金服分布式事务核心研发" → 蚂蚁金服). General knowledge, extendable by callers.
 */
export const knownOrganisations: readonly string[] = [
  '蚂蚁集团', '蚂蚁金服', '阿里巴巴', '阿里云', '腾讯云', '腾讯', '字节跳动', '美团', '百度', '京东', '华为云', '华为', '网易', '小米',
  '滴滴', '快手', '拼多多', '携程', '英特尔', '微软', '谷歌', '思科', '红帽', 'Google', 'Microsoft', 'Intel', 'Cisco', 'Red Hat', 'IBM',
  'Amazon', 'AWS', 'Alibaba', 'Tencent', 'ByteDance', 'Huawei', 'Ant Group',
];

/** Whether a short text names a role ("框架作者", "Dragonfly Maintainer") rather than a person. */
export function namesRole(text: string): boolean {
  return ROLE.test(text);
}

/** "示例集团技术总监 赵六", "示例集团技术专家钱七（花名：阿七）": the role first, the name last. */
// The name stands apart from the role: after a space, or right before its 花名 in brackets.
const ROLE_THEN_NAME = new RegExp(`^(.*${ROLE.source})(?:\\s+([\\p{Script=Han}]{2,3})|\\s*([\\p{Script=Han}]{2,3})\\s*([（(][^）)]{1,24}[）)]))\\s*$`, 'u');

/** "示例集团 中间件团队 孙八": an organisation, then the name as the last word. */
const ORG_THEN_NAME = /^(.+?)\s+([\p{Script=Han}]{2,3})$/u;

/**
 * Whether a short text after a Chinese name names the organisation ("李华 / PingCAP", "张三 /
 * 示例科技"): a known organisation, one with an organisation's ending, or a Latin-script name
 * beside a name in Han script.
 */
export function namesOrganisationBeside(name: string, text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 40 || namesRole(t)) return false;
  return looksLikeOrganisation(t) || (/^\p{Script=Han}/u.test(name.trim()) && /^[A-Za-z][\w .&-]*$/u.test(t));
}

/** Words that end or make an organisation's name in English ("Example Labs", "Acme Inc"). */
const ENGLISH_ORG_WORD = /\b(?:Labs?|Tech|Technology|Technologies|Software|Systems|Cloud|Group|Studios?|University|Institute|Foundation|Inc|Ltd|LLC|Corp|Corporation|Company|GmbH|AG|AB|BV|Oy|ApS|Co)\b\.?/u;

/** Whether a short text names an organisation: a known one, or one with an organisation's word. */
export function looksLikeOrganisation(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 60 && (isOrganisationHead(t) || ENGLISH_ORG_WORD.test(t));
}

/** Whether words before a trailing name start with an organisation. */
function isOrganisationHead(head: string): boolean {
  return knownOrganisations.some((org) => head.startsWith(org)) || ORG_WITH_ENDING.test(head.split(/\s/u)[0] ?? '');
}

/** Reads name, 花名 and organisation from the opening of a speaker's introduction. */
export function parseSpeakerIntro(text: string): SpeakerIntro | null {
  // An introduction names the person in its first words; reading only those keeps every pattern
  // here linear on hostile input.
  const clean = text.slice(0, 240).replace(/\s+/gu, ' ').replace(/^[\s*_>\-–—•·]+/u, '').trim();
  const roleFirst = ROLE_THEN_NAME.exec(clean);
  const roleFirstName = roleFirst?.[2] ?? roleFirst?.[3];
  if (roleFirst?.[1] && roleFirstName && plausibleName(roleFirstName)) {
    const bracket = roleFirst[4] ? BRACKETS.exec(roleFirst[4]) : null;
    return {
      name: roleFirstName,
      aliases: bracket?.[1] && looksLikeAlias(bracket[1]) ? aliasesIn(bracket[1], roleFirstName) : [],
      affiliation: affiliationIn(roleFirst[1]),
    };
  }
  const orgFirst = ORG_THEN_NAME.exec(clean);
  if (orgFirst?.[1] && orgFirst[2] && isOrganisationHead(orgFirst[1]) && plausibleName(orgFirst[2])) {
    return { name: orgFirst[2], aliases: [], affiliation: affiliationIn(orgFirst[1]) };
  }
  const nameMatch = HAN_NAME.exec(clean) ?? LATIN_NAME.exec(clean);
  const name = nameMatch?.[1]?.trim();
  // "Foo Containers Contributor" is a role, not a person; "此外" opens a sentence.
  if (!nameMatch || !name || ROLE.test(name) || !plausibleName(name)) return null;
  let rest = clean.slice(nameMatch[0].length);
  const aliases: string[] = [];
  const bracket = BRACKETS.exec(rest);
  // "Wang Lei (Example Tech)", "张三（示例科技）": the brackets hold the organisation, not a 花名.
  const inBrackets = bracket?.[1]?.trim() ?? '';
  const latinName = !/\p{Script=Han}/u.test(name);
  const bracketOrg = bracket && !ALIAS_WORD.test(inBrackets) && (looksLikeOrganisation(inBrackets) || (latinName && /^\p{Lu}/u.test(inBrackets) && !inBrackets.startsWith('@'))) ? inBrackets : null;
  if (bracket && bracketOrg) rest = rest.slice(bracket[0].length);
  else if (bracket?.[1] && looksLikeAlias(bracket[1])) {
    aliases.push(...aliasesIn(bracket[1], name));
    rest = rest.slice(bracket[0].length);
  }
  return { name, aliases, affiliation: bracketOrg ?? affiliationIn(rest) };
}

/** Words that open a sentence, and characters of grammar rather than of names. */
const SENTENCE_OPENERS = /^(?:此外|另外|本次|本期|本场|大家|我们|欢迎|目前|曾经|同时|主要|负责|专注|热爱|现任|来自|拥有|具有|擅长|参与|毕业|加入|多年|先后|作为|感谢|如果|通过|随着|关于|其中|以及|包括|这是|那是)/u;
const GRAMMAR_CHARS = /[的了我你这那此们吗呢吧啊]/u;

/** Whether a short run of characters can be a person's name rather than the start of a sentence. */
function plausibleName(name: string): boolean {
  if (!/\p{Script=Han}/u.test(name)) return true;
  return !SENTENCE_OPENERS.test(name) && !GRAMMAR_CHARS.test(name);
}

/** "花名：凯撒" → ["凯撒"]; several names split on 、 , /. */
function aliasesIn(inner: string, name: string): string[] {
  return inner
    .replace(ALIAS_WORD, '')
    .split(/[、,，/]/u)
    .map((a) => a.trim())
    .filter((a) => a && a !== name);
}

/** A bracket after a name holds a 花名 ("花名阿三", "阿三"), not a description. */
function looksLikeAlias(inner: string): boolean {
  const bare = inner.replace(ALIAS_WORD, '').trim();
  if (ALIAS_WORD.test(inner)) return bare.length > 0;
  return bare.length > 0 && bare.length <= 12 && !/[，,。；;]|\s{2}/u.test(bare) && !ROLE.test(bare);
}

/** The organisation a speaker works for, read from the words after their name. */
export function affiliationIn(rest: string): string | null {
  const body = rest.replace(/^[\s，,：:。|\-－–—]+|^是/u, '');
  const english = /\b(?:at|@)\s+([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})/u.exec(body);
  if (english?.[1]) return english[1].replace(/[.]+$/u, '');
  const firstClause = (body.split(/[，,。；;！!、]/u)[0] ?? '').replace(LEADING_VERB, '').trim();
  const known = knownOrganisations.find((org) => firstClause.startsWith(org));
  if (known) return known;
  // "Li Na, Example Labs": a clause that is an organisation's name in English.
  if (/^\p{Lu}/u.test(firstClause) && !namesRole(firstClause) && ENGLISH_ORG_WORD.test(firstClause) && firstClause.split(/\s+/u).length <= 5) return firstClause;
  return organisationOfClause(firstClause) ?? organisationWithEnding(body) ?? knownOrganisationIn(body);
}

/** The first well-known organisation named in the first sentence. */
function knownOrganisationIn(text: string): string | null {
  const sentence = text.split(/[。！!；;\n]/u)[0] ?? '';
  let best: { at: number; org: string } | null = null;
  for (const org of knownOrganisations) {
    const at = sentence.indexOf(org);
    if (at !== -1 && (!best || at < best.at)) best = { at, org };
  }
  return best?.org ?? null;
}

/** "蚂蚁集团技术专家" → "蚂蚁集团"; "Acme VP" → "Acme"; "示例科技 某产品线…的技术专家" → "示例科技". */
function organisationOfClause(clause: string): string | null {
  if (!clause) return null;
  const role = ROLE.exec(clause);
  if (!role || role.index === 0) return null;
  const head = clause.slice(0, role.index).trim();
  const withEnding = ORG_WITH_ENDING.exec(head);
  if (withEnding?.[1]) return withEnding[1].trim();
  // "FooBoot 开源负责人", "示例存储社区负责人": a role in a community names a project, not an employer.
  const roleText = role[0].trim();
  const projectLike = /(开源|项目|社区)$/u.test(head) || /^[\x20-\x7e]+$/u.test(head) || /^(?:的)?\s*(开源|项目|社区)/u.test(roleText);
  if (projectLike && COMMUNITY_ROLE.test(roleText)) return null;
  const firstWord = head.split(/[\s（(]/u)[0]?.trim() ?? '';
  return firstWord.length >= 2 && firstWord.length <= 24 ? firstWord : null;
}

/** Any "…集团" / "…公司" in the text, cut loose from the verbs around it. */
function organisationWithEnding(text: string): string | null {
  for (const piece of text.split(AROUND_ORG)) {
    const m = ORG_WITH_ENDING.exec(piece);
    if (m?.[1] && m[1].length >= 3) return m[1];
  }
  return null;
}
