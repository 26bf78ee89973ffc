import type { PersonFound } from './talk-candidate.js';
import { parseSpeakerIntro } from './speaker-intro.js';

/** A person whose only role is to host: not a presenter unless a talk names them as moderator. */
export function isHostLine(text: string): boolean {
  return /主持人|主持|司仪|\bhost\b|\bMC\b/iu.test(text) && text.length < 40;
}

/**
 * The people of one agenda cell or speaker line: "曾凡松（逐灵），阿里巴巴高级技术专家；汪萌海（木苏），…",
 * "张三、李四", "Jane Doe & John Roe". Hosts are left out.
 */
export function splitPeople(text: string, line: number | null): PersonFound[] {
  const clean = text.trim();
  if (!clean || isHostLine(clean)) return [];
  const parts = clean.split(/\s*[；;]\s*|\s*\/\s*|\s+&\s+|\s+and\s+/u).filter(Boolean);
  const pieces = parts.length > 1 ? parts : splitNameList(clean);
  const out: PersonFound[] = [];
  for (const piece of pieces) {
    const intro = parseSpeakerIntro(piece);
    if (intro) out.push({ ...intro, bio: null, line });
  }
  return out;
}

/** "张三、李四" (names only) splits on 、 and ，; a sentence with roles does not. */
function splitNameList(text: string): string[] {
  const parts = text.split(/\s*[、，,]\s*/u);
  const namesOnly = parts.length > 1 && parts.every((p) => /^[\p{Script=Han}·]{2,4}(?:[（(][^）)]{1,12}[）)])?$/u.test(p));
  return namesOnly ? parts : [text];
}
