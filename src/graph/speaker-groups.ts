import { byCode, byText } from '../model/collation.js';
import type { Speaker } from '../model/graph.js';
import type { Ordering } from './shift.js';
import { nameKey } from '../model/keys.js';
import { dayOf } from '../model/local-time.js';
import type { PageRecord, SpeakerMention } from '../model/records.js';

/** A page as speaker merging reads it. */
export interface MentionPage {
  readonly record: PageRecord;
  readonly eventId: string;
  readonly talkIds: readonly string[];
}

export interface MergedSpeakers {
  /** In the order of each person's first mention (pages in path order), with where that is. */
  readonly speakers: readonly FirstMentioned<Speaker>[];
  /** Speaker id of every name key that was merged. */
  readonly idOfKey: ReadonlyMap<string, string>;
}

/** A speaker or project and its first place in the content: a page path and an index on it. */
export interface FirstMentioned<T> {
  readonly value: T;
  readonly path: string;
  readonly index: number;
}

/** The name keys (name, then aliases) under which a mention is the same person as another. */
export const mentionKeys = (m: SpeakerMention): string[] => [nameKey(m.name), ...m.aliases.map(nameKey)];

/**
 * One Speaker per person across pages: mentions sharing any name or alias (NFKC, case and
 * whitespace folded) are the same person. The name is the one pages most often give as the
 * name; affiliation and bio come from the most recent event that states them.
 *
 * `pages` come in path order. Only mentions whose name key passes `include` are merged: a reload
 * merges again just the people a changed page names, and must then be given every page that
 * names any of them.
 */
export function mergeSpeakers(
  pages: readonly MentionPage[],
  include: (key: string) => boolean,
  order: Ordering,
): MergedSpeakers {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(k, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const { record } of pages) {
    for (const m of record.speakers) {
      if (!include(nameKey(m.name))) continue;
      const keys = mentionKeys(m);
      for (const k of keys) if (!parent.has(k)) parent.set(k, k);
      for (const k of keys.slice(1)) union(keys[0] ?? k, k);
    }
  }

  interface Group {
    names: Map<string, { count: number; withAliases: number }>;
    aliases: Set<string>;
    mentions: { m: SpeakerMention; date: string }[];
    path: string;
    index: number;
    talkIds: Set<string>;
    eventIds: Set<string>;
  }
  const groups = new Map<string, Group>();
  for (const { record, eventId, talkIds } of pages) {
    const date = dayOf(record.event) ?? '';
    const rootOfMention = record.speakers.map((m) => (parent.has(nameKey(m.name)) ? find(nameKey(m.name)) : undefined));
    record.speakers.forEach((m, i) => {
      const root = rootOfMention[i];
      if (root === undefined) return;
      let g = groups.get(root);
      if (!g) {
        g = { names: new Map(), aliases: new Set(), mentions: [], path: record.sourcePath, index: i, talkIds: new Set(), eventIds: new Set() };
        groups.set(root, g);
      }
      const n = g.names.get(m.name) ?? { count: 0, withAliases: 0 };
      n.count++;
      if (m.aliases.length) n.withAliases++;
      g.names.set(m.name, n);
      for (const a of m.aliases) g.aliases.add(a);
      g.mentions.push({ m, date });
      g.eventIds.add(eventId);
    });
    record.talks.forEach((t, ti) => {
      const talkId = talkIds[ti];
      if (!talkId) return;
      for (const si of t.speakers) {
        const root = rootOfMention[si];
        if (root !== undefined) groups.get(root)?.talkIds.add(talkId);
      }
    });
  }

  const speakers: FirstMentioned<Speaker>[] = [];
  const idOfRoot = new Map<string, string>();
  for (const [root, g] of groups) {
    const name =
      [...g.names.entries()].sort(([na, a], [nb, b]) => b.withAliases - a.withAliases || b.count - a.count || byCode(na, nb))[0]?.[0] ?? root;
    const id = nameKey(name);
    idOfRoot.set(root, id);
    const allNames = new Set([...g.names.keys(), ...g.aliases]);
    allNames.delete(name);
    const recent = [...g.mentions].sort((a, b) => byCode(b.date, a.date));
    const speaker: Speaker = {
      id,
      name,
      aliases: [...allNames].sort(byText),
      affiliation: recent.find((r) => r.m.affiliation)?.m.affiliation ?? null,
      bio: recent.find((r) => r.m.bio)?.m.bio ?? null,
      talkIds: [...g.talkIds].sort(order.talks),
      eventIds: [...g.eventIds].sort(order.events),
      sources: g.mentions.map((r) => r.m.source),
    };
    speakers.push({ value: speaker, path: g.path, index: g.index });
  }
  const idOfKey = new Map<string, string>();
  for (const key of parent.keys()) {
    const id = idOfRoot.get(find(key));
    if (id !== undefined) idOfKey.set(key, id);
  }
  return { speakers, idOfKey };
}
