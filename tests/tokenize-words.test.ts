import { existsSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/store/load-content.js';
import type { Graph } from '../src/model/graph.js';
import { words } from '../src/search/tokenize.js';
import { sharedDir } from './helpers/shared.js';

/**
 * The tokenizer splits text outside CJK into words with a regular expression instead of
 * Intl.Segmenter (the segmenter was half the cost of building the index). This holds it to the
 * segmenter's word-like segments, word for word and offset for offset, on every indexed field of
 * the shared corpus (read at test time, never copied in) and on generated text.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/** The stretches the tokenizer gives `words`: CJK runs are indexed by character pairs instead. */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

type Word = [segment: string, index: number];
const icu = (part: string): Word[] => [...segmenter.segment(part)].filter((s) => s.isWordLike).map((s) => [s.segment, s.index]);
const ours = (part: string): Word[] => [...words(part)].map((w) => [w.segment, w.index]);

function stretches(text: string): string[] {
  return text.split(CJK_RUN).filter((part) => part !== '');
}

/** Every text search indexes, per the fields of search-index.ts's documents. */
function indexedTexts(graph: Graph): string[] {
  const texts: (string | null | undefined)[] = [];
  for (const e of graph.events.values()) texts.push(e.title, e.description, e.venue, e.city, e.series);
  for (const t of graph.talks.values()) texts.push(t.title, t.abstract, t.takeaways);
  for (const s of graph.speakers.values()) texts.push(s.name, ...s.aliases, s.affiliation, s.bio);
  for (const p of graph.projects.values()) texts.push(p.slug, p.name);
  return texts.filter((t): t is string => !!t);
}

const corpus = `${sharedDir}corpus/`;
const sites = existsSync(`${corpus}gold`)
  ? readdirSync(`${corpus}gold`, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(`${corpus}${e.name}`))
      .map((e) => e.name)
  : [];

describe('words outside CJK text, against Intl.Segmenter', () => {
  it.each([
    ['e.g. v1.2 and 3.14', [['e.g', 0], ['v1.2', 5], ['and', 10], ['3.14', 14]]],
    ["1,000 don't don’t", [['1,000', 0], ["don't", 6], ['don’t', 12]]],
    ['foo-bar a/b a:b 1:2 a.1', [['foo', 0], ['bar', 4], ['a', 8], ['b', 10], ['a:b', 12], ['1', 16], ['2', 18], ['a', 20], ['1', 22]]],
    ['_ __ a_b x..y v1.2.x', [['__', 2], ['a_b', 5], ['x', 9], ['y', 12], ['v1.2', 14], ['x', 19]]],
  ] as [string, Word[]][])('%s', (text, expected) => {
    expect(ours(text)).toEqual(expected);
    expect(icu(text)).toEqual(expected);
  });

  it('agrees on generated text of letters, digits, spaces and the joining punctuation', () => {
    const unit = fc.constantFrom(...'abZé019 ', ' ', '.', "'", '’', ':', ',', ';', '-', '/', '_', '·', '\u00AD', '\u0301', '\u202F', '\u200B', '🙂');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(ours(text)).toEqual(icu(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on text with a script that needs the dictionary (it is the segmenter then)', () => {
    for (const text of ['ภาษาไทย hello', 'a가b 한국어', 'aーb', 'x〆y']) expect(ours(text)).toEqual(icu(text));
  });

  /**
   * Where the rules differ from ICU on purpose: the Hebrew rules for quotation marks (WB7a–c:
   * ASCII quotes as geresh and gershayim inside Hebrew words) are left out; no content is Hebrew,
   * and an ASCII quote between two words is otherwise a quote.
   */
  it.each([
    ['א"ב', [['א"ב', 0]], [['א', 0], ['ב', 2]]],
    ["א'", [["א'", 0]], [['א', 0]]],
  ] as [string, Word[], Word[]][])('differs on purpose on %s', (text, fromIcu, fromUs) => {
    expect(icu(text)).toEqual(fromIcu);
    expect(ours(text)).toEqual(fromUs);
  });

  describe.skipIf(sites.length === 0).each(sites)('on the shared corpus: %s', (site) => {
    it('gives the same words as the segmenter in every indexed field', async () => {
      const { graph } = await loadContent(`${corpus}${site}`);
      const misses: string[] = [];
      let compared = 0;
      for (const text of indexedTexts(graph)) {
        for (const part of stretches(text)) {
          const expected = icu(part);
          compared += expected.length;
          const got = ours(part);
          if (JSON.stringify(got) !== JSON.stringify(expected)) misses.push(`${JSON.stringify(part.slice(0, 200))}: ICU ${JSON.stringify(expected)}, ours ${JSON.stringify(got)}`);
        }
      }
      expect(compared).toBeGreaterThan(100);
      expect(misses.slice(0, 10)).toEqual([]);
    }, 120_000);
  });
});
