import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph, GraphBuilder } from '../src/graph/graph-builder.js';
import type { Graph } from '../src/model/graph.js';
import type { PageRecord } from '../src/model/records.js';
import { decodeSegment, encodeSegment, InvertedIndexBuilder } from '../src/search/inverted-index.js';
import { buildSearchIndex, encodeSearchIndex, prepareSearchIndex, type SearchHit, type SearchIndex } from '../src/search/search-index.js';
import { ContentStore } from '../src/store/content-store.js';
import { readPage } from '../src/store/load-page.js';
import { loadContent } from '../src/store/load-content.js';
import { sharedDir } from './helpers/shared.js';
import { tempContent } from './helpers/temp-content.js';

/**
 * The search index kept between starts: read back, it answers every search as the index it was
 * made from does; kept for other content, by other code or damaged, it is not used (the index is
 * built); and the incremental path of reloads works on a read-back index as on a built one.
 */

const bytesOf = (parts: Uint8Array[] | null): Uint8Array => {
  if (!parts) throw new Error('no whole index to encode');
  return Buffer.concat(parts);
};

type Outcome = { used: true } | { used: false; reason: string };

/** The graph's index from `bytes` (or built, when they do not fit), and whether they were used. */
async function restored(graph: Graph, bytes: Uint8Array, key: string): Promise<{ index: SearchIndex | null; outcome: Outcome | null }> {
  let outcome: Outcome | null = null;
  const index = await prepareSearchIndex(graph, { stored: { bytes, key }, onStored: (o) => (outcome = o) });
  return { index, outcome };
}

const plain = (hits: SearchHit[]) => hits.map((h) => ({ type: h.type, id: h.id, score: h.score, field: h.field, snippet: h.snippet }));

describe('a segment as bytes', () => {
  it('reads back as the segment it was: the same terms, postings, lengths and term order', () => {
    const term = fc.constantFrom('a', 'b', 'c', 'dd', '网关', 'mesh', 'kubernetes', '注册', 'x'.repeat(40));
    const field = fc.option(fc.array(term, { maxLength: 8 }), { nil: null });
    const docs = fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 0, maxLength: 300 });
    fc.assert(
      fc.property(docs, (documents) => {
        const builder = new InvertedIndexBuilder(3);
        for (const fields of documents) builder.add(fields);
        const built = builder.finish();
        const read = decodeSegment(Buffer.concat(encodeSegment(built)));
        expect(read.p.terms).toEqual(built.p.terms);
        expect([...read.p.ids]).toEqual([...built.p.ids]);
        for (const part of ['keys', 'tfs', 'starts', 'lengths', 'lengthTotals', 'fieldCounts'] as const) expect(Array.from(read.p[part])).toEqual(Array.from(built.p[part]));
        expect(Array.from(read.sorted)).toEqual(Array.from(built.sorted));
        expect([read.p.fieldCount, read.p.docCount]).toEqual([built.p.fieldCount, built.p.docCount]);
      }),
      { numRuns: 30 },
    );
  });

  it('is refused when cut short, padded, or when a posting points past the documents', () => {
    const builder = new InvertedIndexBuilder(2);
    builder.add([['a', 'b'], ['c']]);
    builder.add([['b'], null]);
    const bytes = Buffer.concat(encodeSegment(builder.finish()));
    expect(() => decodeSegment(bytes)).not.toThrow();
    expect(() => decodeSegment(bytes.subarray(0, bytes.length - 8))).toThrow();
    expect(() => decodeSegment(Buffer.concat([bytes, Buffer.alloc(8)]))).toThrow();
    expect(() => decodeSegment(Buffer.alloc(64))).toThrow(/layout/);
    // The header's document count, cut to one: the postings of document 1 are out of range.
    const fewer = Buffer.from(bytes);
    fewer.writeUInt32LE(1, 12);
    expect(() => decodeSegment(fewer)).toThrow();
  });
});

/** The shared corpus's sites (real pages read at test time). */
const corpus = `${sharedDir}corpus/`;
const sites = existsSync(`${corpus}gold`)
  ? readdirSync(`${corpus}gold`, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(`${corpus}${e.name}`))
      .map((e) => e.name)
  : [];

/** Queries drawn from the graph's own texts: each title's and name's words, their prefixes and a typo, CJK pairs. */
function queriesOf(graph: Graph): string[] {
  const texts = [
    ...[...graph.events.values()].flatMap((e) => [e.title, e.city, e.series]),
    ...[...graph.talks.values()].map((t) => t.title),
    ...[...graph.speakers.values()].flatMap((s) => [s.name, s.affiliation]),
    ...[...graph.projects.values()].map((p) => p.name),
  ].filter((t): t is string => !!t);
  const queries = new Set<string>();
  for (const text of texts) {
    const words = text.split(/[\s,，。、:：()（）《》「」"'“”/|-]+/u).filter((w) => w.length > 1);
    for (const word of words.slice(0, 3)) {
      queries.add(word);
      if (word.length > 3) queries.add(word.slice(0, 3));
      if (/^[a-z]{6,}$/i.test(word)) queries.add(word.slice(0, 2) + word.slice(3));
    }
    if (words.length > 1) queries.add(words.slice(0, 2).join(' '));
  }
  return [...queries];
}

describe('an index read back', () => {
  it.each(sites)('answers every query as the index it was made from does, on %s', async (site) => {
    const built = (await loadContent(`${corpus}${site}`)).graph;
    // The next start's graph: the same pages, read again.
    const next = (await loadContent(`${corpus}${site}`)).graph;
    const fresh = buildSearchIndex(built);
    const { index, outcome } = await restored(next, bytesOf(encodeSearchIndex(built, 'k1')), 'k1');
    expect(outcome).toEqual({ used: true });
    const queries = queriesOf(built);
    expect(queries.length).toBeGreaterThan(100);
    let hits = 0;
    for (const query of queries) {
      const expected = plain(fresh.search(query));
      hits += expected.length;
      expect(plain(index?.search(query) ?? [])).toEqual(expected);
      expect(plain(index?.find(query, { types: ['TALK', 'SPEAKER'] }).best(5) ?? [])).toEqual(plain(fresh.find(query, { types: ['TALK', 'SPEAKER'] }).best(5)));
    }
    expect(hits).toBeGreaterThan(queries.length);
  }, 120_000);
});

/** A page of one talk: `rev` changes the talk's title only. */
function talkPage(i: number, rev: number, word = 'Reload'): PageRecord {
  const text = `---\ntitle: "${word} Meetup ${i}"\ndate: 2022-05-01T14:00:00+08:00\n---\n\n### 本期议题以及嘉宾详解\n\n**《Talk${rev === 0 ? 'alpha' : `rev${rev}x`} number ${i}》**\n\n**嘉宾介绍**\n\n讲者${i % 7}，示例公司工程师。\n\n**议题简介**\n\n第 ${i} 期的议题，关于注册中心。\n`;
  const read = readPage({ sourcePath: `zh/reload/p${i}/index.md`, slug: `p${i}`, language: 'zh', isSection: false }, text);
  if (!read.record) throw new Error('the test page did not load');
  return read.record;
}
const entry = (record: PageRecord) => [record.sourcePath, { record, diagnostics: [] }] as const;
const pagesOf = (count: number, word?: string, from = 0) => new Map(Array.from({ length: count }, (_, i) => entry(talkPage(from + i, 0, word))));

describe('an index kept for something else', () => {
  const graph = () => new GraphBuilder().apply(pagesOf(60));
  const made = graph();
  buildSearchIndex(made);
  const kept = bytesOf(encodeSearchIndex(made, 'k1'));

  it.each([
    ['another key (other content, other code)', (b: Uint8Array) => b, 'k2', /other content or by other code/],
    ['a flipped byte', (b: Uint8Array) => flip(b, b.length - 100), 'k1', /damaged/],
    ['a file cut short', (b: Uint8Array) => b.subarray(0, b.length - 1000), 'k1', /damaged|cut short/],
    ['an empty file', () => new Uint8Array(0), 'k1', /empty/],
    ['a file of zeros', (b: Uint8Array) => new Uint8Array(b.length), 'k1', /cannot be read|layout|cut short/],
    ['text that is not an index', () => Buffer.from('{"not":"an index"}'), 'k1', /cannot be read|layout|cut short/],
  ] as const)('is not used when it has %s: the index is built instead', async (_, damage, key, reason) => {
    const next = graph();
    const { index, outcome } = await restored(next, damage(kept), key);
    expect(outcome).toMatchObject({ used: false, reason: expect.stringMatching(reason) });
    const fresh = buildSearchIndex(graph());
    for (const query of ['Talkalpha', 'Reload Meetup 7', '注册中心', '讲者3']) expect(plain(index?.search(query) ?? [])).toEqual(plain(fresh.search(query)));
  });

  // The key is the caller's promise that the texts are the same; the documents' ids and order
  // are checked all the same, as a hit is found by its number.
  it.each([
    ['as many documents, other ids', 60, 100],
    ['one page more', 61, 0],
  ])('is not used for other documents under the same key: %s', async (_, count, from) => {
    const other = new GraphBuilder().apply(pagesOf(count, 'Other', from));
    const { index, outcome } = await restored(other, kept, 'k1');
    expect(outcome).toMatchObject({ used: false, reason: expect.stringMatching(/other documents/) });
    expect(index?.search('Other', { types: ['EVENT'] })).toHaveLength(count);
    expect(index?.search('Reload', { types: ['EVENT'] })).toHaveLength(0);
  });
});

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}

describe('reloads after a start that read the index back', () => {
  it('index only what changed, on top of the index read back, and rank as a fresh index does', async () => {
    const made = new GraphBuilder().apply(pagesOf(40));
    buildSearchIndex(made);
    const kept = bytesOf(encodeSearchIndex(made, 'k'));
    const builder = new GraphBuilder();
    const before = builder.apply(pagesOf(40));
    const { outcome } = await restored(before, kept, 'k');
    expect(outcome).toEqual({ used: true });
    const after = builder.apply(new Map([entry(talkPage(7, 1)), entry(talkPage(40, 0)), ['zh/reload/p3/index.md', null]]));
    const reloaded = await prepareSearchIndex(after);
    const edited = [...after.talks.values()].find((t) => t.title === 'Talkrev1x number 7');
    expect(edited).toBeDefined();
    expect(reloaded?.search('Talkrev1x', { types: ['TALK'] }).map((h) => h.id)).toEqual([edited?.id]);
    expect(reloaded?.search('Talkalpha', { types: ['TALK'] }).some((h) => h.id === edited?.id)).toBe(false);
    expect(reloaded?.search('Reload Meetup', { types: ['EVENT'] })).toHaveLength(40);
    // The same scores as an index built from scratch (numbered otherwise: compare as sets).
    const fresh = buildSearchIndex(buildGraph(Array.from({ length: 41 }, (_, i) => talkPage(i, i === 7 ? 1 : 0)).filter((_, i) => i !== 3)));
    const sorted = (hits: SearchHit[]) => plain(hits).map((h) => ({ ...h, score: Math.round(h.score * 1e9) })).sort((a, b) => (`${a.type}${a.id}` < `${b.type}${b.id}` ? -1 : 1));
    for (const query of ['Talkalpha', 'number 7', '注册中心', 'Reload', 'talk', '讲者3']) {
      expect(reloaded?.search(query).length).toBeGreaterThan(0);
      expect(sorted(reloaded?.search(query) ?? [])).toEqual(sorted(fresh.search(query)));
    }
  });
});

describe('the key of the pages a store opened with', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('is the same for the same pages, read or taken from the parse cache, and changes with a page', async () => {
    const folder = await tempContent({
      'zh/a/index.md': '---\ntitle: 一场活动\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n',
      'zh/b/index.md': '---\ntitle: 另一场\n---\n\n正文。\n',
    });
    dirs.push(folder.dir);
    const cacheDir = await mkdtemp(join(tmpdir(), 'meetup-key-'));
    dirs.push(cacheDir);
    const open = async () => {
      const store = await ContentStore.open(folder.dir, {}, { parseCacheDir: cacheDir });
      const file = store.openingFile('search-index.bin');
      await store.close();
      return { file, cached: store.cachedPageCount, version: store.current().version };
    };
    const cold = await open();
    const warm = await open();
    expect([cold.cached, warm.cached]).toEqual([0, 2]);
    expect(cold.file?.key).toMatch(/^[0-9a-f]{40}$/);
    expect(warm.file?.key).toBe(cold.file?.key);
    expect(warm.file?.graph).toBe(warm.version);
    expect(warm.file?.path).toMatch(/search-index\.bin$/);
    await writeFile(join(folder.dir, 'zh/b/index.md'), '---\ntitle: 另一场\n---\n\n改过的正文。\n');
    expect((await open()).file?.key).not.toBe(cold.file?.key);
    const without = await ContentStore.open(folder.dir, {});
    expect(without.openingFile('search-index.bin')).toBeNull();
    await without.close();
  });
});
