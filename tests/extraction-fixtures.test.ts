import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPage } from '../src/store/load-page.js';
import type { PageRecord } from '../src/model/records.js';

/**
 * One folder per page layout: `input.md` and the `expected.json` a reader would write for it.
 * `UPDATE_FIXTURES=1 npm test` rewrites the expectations after an intended change; read the diff.
 */
const root = fileURLToPath(new URL('./fixtures/extraction/', import.meta.url));
const update = process.env.UPDATE_FIXTURES === '1';

/** What a reader of the page would write down, independent of ids and lines. */
function summarise(page: PageRecord) {
  const e = page.event;
  return {
    event: { title: e.title, date: e.date, startTime: e.startTime, endTime: e.endTime, city: e.city, venue: e.venue, format: e.format },
    talks: page.talks.map((t) => ({
      title: t.title,
      startTime: t.startTime,
      endTime: t.endTime,
      speakers: t.speakers.map((i) => {
        const p = page.speakers[i];
        return p ? { name: p.name, aliases: p.aliases, affiliation: p.affiliation } : null;
      }),
    })),
    resources: page.resources.map((r) => ({ url: r.url, kind: r.kind, talk: r.talk === null ? null : (page.talks[r.talk]?.title ?? null) })),
    projects: page.projects.map((p) => ({ slug: p.slug, talks: p.talks.map((i) => page.talks[i]?.title ?? null) })),
  };
}

describe('extraction fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const input = readFileSync(`${root}${name}/input.md`, 'utf8');
      const { record, diagnostics } = readPage({ sourcePath: `${name}/index.md`, slug: name, language: 'zh', isSection: false }, input);
      expect(diagnostics).toEqual([]);
      if (!record) throw new Error(`${name} did not load`);
      const actual = summarise(record);
      const expectedPath = `${root}${name}/expected.json`;
      if (update) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      // A missing expectation is a failure, not a snapshot taken silently: a new fixture could
      // never fail otherwise.
      if (!existsSync(expectedPath)) {
        throw new Error(
          `${name}: no expected.json in tests/fixtures/extraction/${name}/. Run \`UPDATE_FIXTURES=1 npm test\` to write it from what is extracted now, then read the diff (for a new fixture, the whole new file): it must say what a reader of the page would write down.`,
        );
      }
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
