import { nameKey } from '../model/keys.js';
import type { PersonFound, TalkCandidate } from './talk-candidate.js';
import { sameTitle } from './titles.js';

/**
 * Joins the findings of all layouts into one talk list: the same talk met in the agenda, a
 * detail section and the slide list becomes one talk, with the title of the most descriptive
 * finding (detail section first), times from whichever states them, and every speaker once.
 * Talks keep the order in which the page first mentions them.
 */
export function mergeTalks(candidates: readonly TalkCandidate[]): TalkCandidate[] {
  const ordered = [...candidates].sort((a, b) => a.origin.priority - b.origin.priority);
  const merged: TalkCandidate[] = [];
  // Findings of one layout are distinct talks ("题目1" and "题目10" in one table); a finding
  // only joins a talk that no finding of its own layout has joined yet.
  const layouts: Set<string>[] = [];
  for (const c of ordered) {
    const at = merged.findIndex((m, i) => !layouts[i]?.has(c.origin.layout) && sameTitle(m.title, c.title));
    const known = merged[at];
    if (!known) {
      merged.push(c);
      layouts.push(new Set([c.origin.layout]));
      continue;
    }
    layouts[at]?.add(c.origin.layout);
    merged[at] = {
      ...known,
      startTime: known.startTime ?? c.startTime,
      endTime: known.endTime ?? c.endTime,
      speakers: mergePeople(known.speakers, c.speakers),
      abstract: known.abstract ?? c.abstract,
      takeaways: known.takeaways ?? c.takeaways,
      line: minLine(known.line, c.line),
      blocks: [...known.blocks, ...c.blocks],
      links: [...(known.links ?? []), ...(c.links ?? [])],
    };
  }
  return merged.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}

function minLine(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** Whether two findings name the same person: any shared name or alias. */
export function samePerson(a: Pick<PersonFound, 'name' | 'aliases'>, b: Pick<PersonFound, 'name' | 'aliases'>): boolean {
  const keys = new Set([a.name, ...a.aliases].map(nameKey));
  return [b.name, ...b.aliases].some((n) => keys.has(nameKey(n)));
}

/** People of `base` completed by those of `more`: names become aliases, gaps are filled. */
export function mergePeople(base: readonly PersonFound[], more: readonly PersonFound[]): PersonFound[] {
  const out = [...base];
  for (const p of more) {
    const at = out.findIndex((q) => samePerson(q, p));
    const q = out[at];
    if (!q) {
      out.push(p);
      continue;
    }
    const names = new Set([q.name, ...q.aliases].map(nameKey));
    const aliases = [...q.aliases, ...[p.name, ...p.aliases].filter((n) => !names.has(nameKey(n)))];
    // A finding that gives a 花名 in brackets names the person by their legal name.
    const name = q.aliases.length === 0 && p.aliases.some((a) => nameKey(a) === nameKey(q.name)) ? p.name : q.name;
    out[at] = {
      ...q,
      name,
      aliases: [...new Set(aliases.filter((a) => nameKey(a) !== nameKey(name)))],
      affiliation: q.affiliation ?? p.affiliation,
      bio: q.bio ?? p.bio,
    };
  }
  return out;
}
