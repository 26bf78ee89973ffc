import type { Graph, Talk } from '../model/graph.js';
import { nameKey } from '../model/keys.js';

/**
 * Talks related to this one: shared speakers weigh most, then shared projects, then shared
 * event tags; newer talks first among equals. Reads only the indexes of what the talk touches.
 */
export function relatedTalks(graph: Graph, talk: Talk, first: number): Talk[] {
  const scores = new Map<string, number>();
  const add = (ids: readonly string[], weight: number) => {
    for (const id of ids) if (id !== talk.id) scores.set(id, (scores.get(id) ?? 0) + weight);
  };
  for (const s of talk.speakerIds) add(graph.speakers.get(s)?.talkIds ?? [], 3);
  for (const p of talk.projectIds) add(graph.projects.get(p)?.talkIds ?? [], 2);
  const event = graph.events.get(talk.eventId);
  for (const tag of new Set(event?.tags.map(nameKey))) {
    // A tag on most of the site says nothing about relatedness; only rarer tags count.
    const tagged = graph.eventsByTag.get(tag) ?? [];
    if (tagged.length > Math.max(5, graph.events.size / 4)) continue;
    for (const e of tagged) if (e !== talk.eventId) add(graph.events.get(e)?.talkIds ?? [], 1);
  }
  const rank = graph.talkRank;
  return [...scores.entries()]
    .sort(([a, x], [b, y]) => y - x || (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
    .slice(0, first)
    .flatMap(([id]) => {
      const t = graph.talks.get(id);
      return t ? [t] : [];
    });
}
