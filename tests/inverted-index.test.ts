import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvertedIndexBuilder } from '../src/search/inverted-index.js';

/** Each term's postings as [document, field, term frequency], in the order the index keeps them. */
function postingsOf(builder: InvertedIndexBuilder): Map<string, [number, number, number][]> {
  const { terms, starts, keys, tfs } = builder.finish().p;
  const out = new Map<string, [number, number, number][]>();
  terms.forEach((term, id) => {
    const list: [number, number, number][] = [];
    for (let i = starts[id] ?? 0; i < (starts[id + 1] ?? 0); i++) list.push([(keys[i] ?? 0) >>> 4, (keys[i] ?? 0) & 15, tfs[i] ?? 0]);
    out.set(term, list);
  });
  return out;
}

describe('the inverted index builder', () => {
  it('keeps, for every term, each document and field it occurs in, in document order, with its count', () => {
    const term = fc.constantFrom('a', 'b', 'c', 'dd', '网关', 'mesh');
    const field = fc.option(fc.array(term, { maxLength: 8 }), { nil: null });
    // Enough documents that the posting arrays grow several times past their first size.
    const docs = fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1500, maxLength: 2000 });
    fc.assert(
      fc.property(docs, (documents) => {
        const builder = new InvertedIndexBuilder(3);
        const expected = new Map<string, [number, number, number][]>();
        documents.forEach((fields, doc) => {
          expect(builder.add(fields)).toBe(doc);
          fields.forEach((terms, f) => {
            const counts = new Map<string, number>();
            for (const t of terms ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
            for (const [t, n] of counts) expected.set(t, [...(expected.get(t) ?? []), [doc, f, n]]);
          });
        });
        const found = postingsOf(builder);
        expect(new Map([...found].filter(([, list]) => list.length > 0))).toEqual(expected);
      }),
      { numRuns: 10, endOnFailure: true },
    );
  });
});
