import { mergePeople, samePerson } from './merge-talks.js';
import type { PersonFound, TalkCandidate } from './talk-candidate.js';

/**
 * Ties the page's guest list (`## 嘉宾`) to its talks: a guest named in a talk completes that
 * speaker (花名, organisation); a single talk without speakers is given by the guests; talks
 * without speakers as many as the guests are paired with them in order.
 */
export function assignGuests(talks: TalkCandidate[], guests: readonly PersonFound[]): TalkCandidate[] {
  if (guests.length === 0 || talks.length === 0) return talks;
  const enriched = talks.map((t) => ({ ...t, speakers: t.speakers.map((s) => mergePeople([s], guests.filter((g) => samePerson(g, s)))[0] ?? s) }));
  const without = enriched.filter((t) => t.speakers.length === 0);
  const only = enriched[0];
  if (enriched.length === 1 && only && without.length === 1) return [{ ...only, speakers: [...guests] }];
  if (without.length === enriched.length && guests.length === enriched.length) {
    return enriched.map((t, i) => {
      const guest = guests[i];
      return guest ? { ...t, speakers: [guest] } : t;
    });
  }
  return enriched;
}
