import { byCode, byText } from '../model/collation.js';
import type { Graph, Project, Speaker, Talk } from '../model/graph.js';
import { nameKey } from '../model/keys.js';
import { dayOf } from './select-events.js';

export interface TalkFilter {
  readonly event?: string | null;
  readonly speaker?: string | null;
  readonly project?: string | null;
  readonly year?: number | null;
  readonly hasSlides?: boolean | null;
  readonly hasVideo?: boolean | null;
  /** Ids allowed by a free-text search, when one was given. */
  readonly ids?: ReadonlySet<string> | null;
}

/** Talks matching every criterion, events newest first, talks in page order. */
export function selectTalks(graph: Graph, filter: TalkFilter = {}): Talk[] {
  const base = filter.event
    ? (graph.events.get(filter.event)?.talkIds ?? [])
    : filter.speaker
      ? (graph.speakers.get(filter.speaker)?.talkIds ?? [])
      : filter.project
        ? (graph.projects.get(filter.project.trim().toLowerCase())?.talkIds ?? [])
        : graph.talkOrder;
  const year = filter.year == null ? null : String(filter.year);
  const hasKind = (t: Talk, kinds: readonly string[]) => t.resourceIds.some((id) => kinds.includes(graph.resources.get(id)?.kind ?? ''));
  const out: Talk[] = [];
  for (const id of base) {
    const t = graph.talks.get(id);
    if (!t) continue;
    const event = graph.events.get(t.eventId);
    const day = event ? dayOf(event) : null;
    const ok =
      (filter.ids == null || filter.ids.has(t.id)) &&
      (filter.event == null || t.eventId === filter.event) &&
      (filter.speaker == null || t.speakerIds.includes(filter.speaker)) &&
      (filter.project == null || t.projectIds.includes(filter.project.trim().toLowerCase())) &&
      (year === null || (day !== null && day.startsWith(year))) &&
      (filter.hasSlides == null || hasKind(t, ['SLIDES']) === filter.hasSlides) &&
      (filter.hasVideo == null || hasKind(t, ['VIDEO']) === filter.hasVideo);
    if (ok) out.push(t);
  }
  return out;
}

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

export type ProjectOrder = 'SLUG' | 'TALK_COUNT';

/** Projects by slug, or by number of talks that link them (most first). */
export function selectProjects(graph: Graph, order: ProjectOrder = 'SLUG'): Project[] {
  const out = graph.projectOrder.flatMap((id) => {
    const p = graph.projects.get(id);
    return p ? [p] : [];
  });
  if (order === 'TALK_COUNT') out.sort((a, b) => b.talkIds.length - a.talkIds.length || byCode(a.slug, b.slug));
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
