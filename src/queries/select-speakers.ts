import { byCode, byText } from '../model/collation.js';
import type { Graph, Speaker } from '../model/graph.js';
import { nameKey } from '../model/keys.js';

export interface SpeakerFilter {
  /** Start of the name or of any alias, case and width folded. */
  readonly namePrefix?: string | null;
  readonly affiliation?: string | null;
  readonly minTalks?: number | null;
}

export type SpeakerOrder = 'NAME' | 'TALK_COUNT';

/** Speakers matching every criterion, by name or by number of talks (most first). */
export function selectSpeakers(graph: Graph, filter: SpeakerFilter = {}, order: SpeakerOrder = 'NAME'): Speaker[] {
  const prefix = filter.namePrefix ? nameKey(filter.namePrefix) : null;
  const affiliation = filter.affiliation ? nameKey(filter.affiliation) : null;
  const out: Speaker[] = [];
  for (const id of graph.speakerOrder) {
    const s = graph.speakers.get(id);
    if (!s) continue;
    const ok =
      (prefix === null || [s.name, ...s.aliases].some((n) => nameKey(n).startsWith(prefix))) &&
      (affiliation === null || (s.affiliation !== null && nameKey(s.affiliation) === affiliation)) &&
      (filter.minTalks == null || s.talkIds.length >= filter.minTalks);
    if (ok) out.push(s);
  }
  if (order === 'TALK_COUNT') out.sort((a, b) => b.talkIds.length - a.talkIds.length || byText(a.name, b.name));
  return out;
}

/** People who share a talk with this speaker, most shared talks first. */
export function coSpeakersOf(graph: Graph, speaker: Speaker): Speaker[] {
  const counts = new Map<string, number>();
  for (const talkId of speaker.talkIds) {
    for (const other of graph.talks.get(talkId)?.speakerIds ?? []) {
      if (other !== speaker.id) counts.set(other, (counts.get(other) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || byCode(a, b))
    .flatMap(([id]) => {
      const s = graph.speakers.get(id);
      return s ? [s] : [];
    });
}
