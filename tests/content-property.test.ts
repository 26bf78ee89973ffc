import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/store/load-content.js';
import type { LoadedPage } from '../src/model/records.js';
import { readPage } from '../src/store/load-page.js';
import type { Diagnostic } from '../src/model/diagnostics.js';
import { execute, yogaFor } from './helpers/graphql.js';
import { type GeneratedPage, page } from './helpers/page-arbitraries.js';
import { tempContent } from './helpers/temp-content.js';

/** Fixed, so every run tries the same pages; set CONTENT_PROPERTY_SEED to explore others. */
const SEED = Number(process.env.CONTENT_PROPERTY_SEED ?? 20260601);
const SINGLE_PAGES = 2500;
const FOLDERS = 2;
const PAGES_PER_FOLDER = { min: 150, max: 250 };
/** A hang detector, not a benchmark: the slowest page a limit allows parses in about a second. */
const MS_PER_PAGE = 2000;

let tried = 0;
afterAll(() => {
  console.log(`content property: seed ${SEED}, ${tried} generated pages tried`);
});

function textOf(p: GeneratedPage): string {
  // As the loader reads files: invalid UTF-8 becomes U+FFFD.
  return typeof p.content === 'string' ? p.content : Buffer.from(p.content).toString('utf8');
}

/** What holds for every page, whatever it holds. */
function expectReported(p: GeneratedPage, text: string, sourcePath: string, result: LoadedPage): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const d of result.diagnostics) {
    expect(d.path, p.recipe).toBe(sourcePath);
    expect(Number.isInteger(d.line) && (d.line ?? 0) >= 1 && (d.line ?? 0) <= lines, `${p.recipe}: line ${d.line} of ${lines} in ${d.code}`).toBe(true);
    expect(d.message.length, p.recipe).toBeGreaterThan(10);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'ERROR');
  // An error is what keeps a page from being served, and a page is never dropped without one.
  expect(result.record === null, `${p.recipe}: ${codes(result.diagnostics)}`).toBe(errors.length > 0);
  switch (p.expect) {
    case 'good':
      expect(result.diagnostics, p.recipe).toEqual([]);
      break;
    case 'warned':
      expect(result.record, p.recipe).not.toBeNull();
      expect(result.diagnostics.length, p.recipe).toBeGreaterThan(0);
      break;
    case 'refused':
      expect(result.record, `${p.recipe}: ${codes(result.diagnostics)}`).toBeNull();
      break;
    case 'either':
      break;
  }
}

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code}@${d.line}`).join(', ') || 'no diagnostics';

describe('the loader, fed generated pages', () => {
  it(`reads ${SINGLE_PAGES} pages one by one without throwing or hanging, reporting every problem`, () => {
    let n = 0;
    fc.assert(
      fc.property(page, (p) => {
        n += 1;
        const sourcePath = `zh/p${n}/index.md`;
        const text = textOf(p);
        const started = performance.now();
        const result = readPage({ sourcePath, slug: `p${n}`, language: 'zh', isSection: false }, text);
        const ms = performance.now() - started;
        expect(ms, `${p.recipe} took ${Math.round(ms)} ms`).toBeLessThan(MS_PER_PAGE);
        expectReported(p, text, sourcePath, result);
      }),
      { seed: SEED, numRuns: SINGLE_PAGES, endOnFailure: true },
    );
    tried += n;
    // The per-page bound above is the hang detector; the whole run only needs to end on a busy CI.
  }, 180_000);

  it(`serves every good page of ${FOLDERS} folders of mixed pages, and reports every bad one by file and line`, async () => {
    let folder = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(page, { minLength: PAGES_PER_FOLDER.min, maxLength: PAGES_PER_FOLDER.max }), async (pages) => {
        folder += 1;
        tried += pages.length;
        const paths = pages.map((_, i) => (i % 3 === 0 ? `zh/p${i}/index.md` : i % 3 === 1 ? `en/p${i}.md` : `p${i}/index.md`));
        const content = await tempContent(Object.fromEntries(pages.map((p, i) => [paths[i] ?? '', typeof p.content === 'string' ? p.content : Buffer.from(p.content)])));
        try {
          const started = performance.now();
          const { graph, filesFound } = await loadContent(content.dir);
          expect(performance.now() - started).toBeLessThan(MS_PER_PAGE * pages.length);
          expect(filesFound).toBe(pages.length);
          const byPath = new Map<string, Diagnostic[]>();
          for (const d of graph.diagnostics) byPath.set(d.path, [...(byPath.get(d.path) ?? []), d]);
          pages.forEach((p, i) => {
            const path = paths[i] ?? '';
            const language = path.startsWith('zh/') ? 'zh' : path.startsWith('en/') ? 'en' : '';
            const served = graph.eventBySlug.has(`${language}\u0000p${i}`);
            const record = served ? ({} as LoadedPage['record']) : null;
            expectReported(p, textOf(p), path, { record, diagnostics: byPath.get(path) ?? [] });
          });
          await expectSafeHtml(graph);
        } finally {
          await content.cleanup();
        }
      }),
      { seed: SEED, numRuns: FOLDERS, endOnFailure: true },
    );
    expect(folder).toBe(FOLDERS);
  });
});

/** Every body the API renders as HTML is free of script, handlers and javascript: links. */
async function expectSafeHtml(graph: Parameters<typeof yogaFor>[0]): Promise<void> {
  const yoga = yogaFor(graph);
  let after: string | null = null;
  do {
    const r: { data?: { events: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { sourcePath: string; body: string } }[] } } } = await execute(
      yoga,
      'query($after: String) { events(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { sourcePath body(format: HTML) } } } }',
      { after },
    );
    for (const { node } of r.data?.events.edges ?? []) expect(node.body, node.sourcePath).not.toMatch(/<script|<iframe|\son\w+\s*=|href="\s*javascript:/i);
    after = r.data?.events.pageInfo.hasNextPage ? r.data.events.pageInfo.endCursor : null;
  } while (after);
}
