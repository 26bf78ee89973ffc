import { existsSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/store/load-content.js';
import type { Graph } from '../src/model/graph.js';
import { fold } from '../src/model/keys.js';
import { buildSearchIndex, type SearchHit } from '../src/search/search-index.js';
import { sharedDir } from './helpers/shared.js';

/**
 * Ranking on the shared corpus (real sites, read at test time, never copied in), with
 * expectations derived from each loaded graph rather than from known pages: a speaker's name
 * finds that speaker, an event's title finds that event, and a two-character Chinese word finds
 * exactly the documents that contain it. Skipped where the shared folder is absent.
 */
const corpus = `${sharedDir}corpus/`;
const sites = existsSync(`${corpus}gold`)
  ? readdirSync(`${corpus}gold`, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(`${corpus}${e.name}`))
      .map((e) => e.name)
  : [];

const TOP = 3;
const CJK_PAIR = /(?<![\p{Script=Han}])\p{Script=Han}{2}(?![\p{Script=Han}])/gu;

/** The texts search looks at, per document, in the index's own key form `TYPE:id`. */
function indexedTexts(graph: Graph): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  const put = (key: string, values: (string | null | undefined)[]) => texts.set(key, values.filter((v): v is string => !!v));
  for (const e of graph.events.values()) put(`EVENT:${e.id}`, [e.title, e.description, e.venue, e.city, e.series]);
  for (const t of graph.talks.values()) put(`TALK:${t.id}`, [t.title, t.abstract, t.takeaways]);
  for (const s of graph.speakers.values()) put(`SPEAKER:${s.id}`, [s.name, ...s.aliases, s.affiliation, s.bio]);
  for (const p of graph.projects.values()) put(`PROJECT:${p.id}`, [p.slug, p.name]);
  return texts;
}

const key = (hit: SearchHit) => `${hit.type}:${hit.id}`;

/** Where `wanted` ranks among the hits, counting every other hit scored the same as it once. */
function rankOf(hits: readonly SearchHit[], wanted: string): number {
  const at = hits.findIndex((h) => key(h) === wanted);
  if (at === -1) return Infinity;
  const score = hits[at]?.score;
  return hits.findIndex((h) => h.score === score) + 1;
}

describe.skipIf(sites.length === 0)('search ranking on the shared corpus', () => {
  describe.each(sites)('%s', (site) => {
    let loaded: { graph: Graph; index: ReturnType<typeof buildSearchIndex> };
    beforeAll(async () => {
      const { graph, filesFound } = await loadContent(`${corpus}${site}`);
      // An empty graph would make every check below pass: say what the load saw instead.
      if (graph.events.size === 0) throw new Error(`${site}: no events from ${filesFound} files; ${JSON.stringify(graph.diagnostics.slice(0, 5))}`);
      loaded = { graph, index: buildSearchIndex(graph) };
    }, 120_000);

    it(`puts every speaker in the top ${TOP} for their name`, async () => {
      const { graph, index } = loaded;
      expect(graph.speakers.size).toBeGreaterThan(0);
      const misses: string[] = [];
      for (const s of graph.speakers.values()) {
        const hits = index.search(s.name);
        if (hits.length === 0 && fold(s.name).replace(/[^\p{L}\p{N}]/gu, '') === '') continue;
        const rank = rankOf(hits, `SPEAKER:${s.id}`);
        if (rank > TOP) misses.push(`${s.name} → ${rank}: ${hits.slice(0, TOP).map(key).join(', ')}`);
      }
      expect(misses).toEqual([]);
    });

    it(`puts every event in the top ${TOP} for its title (among events of the same title)`, async () => {
      const { graph, index } = loaded;
      expect(graph.events.size).toBeGreaterThan(0);
      const titles = new Map<string, number>();
      for (const e of graph.events.values()) titles.set(e.title, (titles.get(e.title) ?? 0) + 1);
      const misses: string[] = [];
      for (const e of graph.events.values()) {
        const hits = index.search(e.title);
        const rank = rankOf(hits, `EVENT:${e.id}`);
        if (rank > TOP + (titles.get(e.title) ?? 1) - 1) misses.push(`${e.title} → ${rank}: ${hits.slice(0, TOP).map(key).join(', ')}`);
      }
      expect(misses).toEqual([]);
    });

    it('finds exactly the documents that contain a two-character Chinese word', async () => {
      const { graph, index } = loaded;
      const texts = indexedTexts(graph);
      const words = new Set<string>();
      for (const t of graph.talks.values()) for (const m of t.title.matchAll(CJK_PAIR)) words.add(m[0]);
      for (const e of graph.events.values()) for (const m of e.title.matchAll(CJK_PAIR)) words.add(m[0]);
      if (words.size === 0) return; // an English-only site
      for (const word of words) {
        const wanted = fold(word);
        const containing = [...texts].filter(([, values]) => values.some((v) => fold(v).includes(wanted))).map(([k]) => k);
        const found = index.search(word).map(key);
        expect({ word, found: found.sort() }).toEqual({ word, found: containing.sort() });
      }
    });
  });
});
