import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadPages } from '../src/store/load-content.js';
import { readPage } from '../src/store/load-page.js';
import { parserCalls } from './helpers/parser-calls.js';
import { tempContent } from './helpers/temp-content.js';

vi.mock('remark-parse', async (original) => (await import('./helpers/parser-calls.js')).countingRemarkParse(await original()));

const file = { sourcePath: 'zh/a/index.md', slug: 'a', language: 'zh', isSection: false };
const FRONT = '---\ntitle: 限度\n---\n';
/** The body starts on line 4, below FRONT. */
const BODY_LINE = 4;

/**
 * Reads a page and counts the markdown parses it took. These shapes took the parser 15 s to
 * minutes: a page the limits work for is refused by the pre-scan, so `parses` is 0. Counted, not
 * timed, so a busy machine cannot fail it and a guard that stops working fails it at once.
 */
function countedRead(text: string) {
  const before = parserCalls.count;
  const page = readPage(file, text);
  return { ...page, parses: parserCalls.count - before };
}

const ramp = (depth: number, eol = '\n') => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item ${i + 1}`).join(eol);

describe('pages the parser would take too long on', () => {
  it('refuse a list nested 100 deep before parsing it, naming the line where it passes 32', () => {
    const { record, diagnostics, parses } = countedRead(`${FRONT}${ramp(100)}\n`);
    expect(record).toBeNull();
    expect(diagnostics).toMatchObject([{ code: 'MARKDOWN_TOO_DEEP', severity: 'ERROR', path: 'zh/a/index.md', line: BODY_LINE + 32 }]);
    expect(diagnostics[0]?.message).toMatch(/nested 33 deep; at most 32/);
    expect(parses).toBe(0);
  });

  it('refuse a list nested 480 deep (the shape that took the parser 15 s at 600) on its depth, before parsing it', () => {
    // 480 levels keep the ramp under the 256 KiB page limit, so only the depth limit can refuse it.
    const text = `${FRONT}${ramp(480)}\n`;
    expect(Buffer.byteLength(text)).toBeLessThan(256 * 1024);
    const { record, diagnostics, parses } = countedRead(text);
    expect(record).toBeNull();
    expect(diagnostics).toMatchObject([{ code: 'MARKDOWN_TOO_DEEP', severity: 'ERROR', line: BODY_LINE + 32 }]);
    expect(parses).toBe(0);
  });

  it('refuse lists and quotes opened many at a time on one line', () => {
    for (const line of [`${'- '.repeat(5000)}x`, `${'>'.repeat(5000)} x`, `${'> 1. '.repeat(100)}x`]) {
      const { diagnostics, parses } = countedRead(`${FRONT}intro\n\n${line}\n`);
      expect(diagnostics).toMatchObject([{ code: 'MARKDOWN_TOO_DEEP', line: BODY_LINE + 2 }]);
      expect(parses).toBe(0);
    }
  });

  it('do not hide their lines behind \\r line endings', () => {
    for (const eol of ['\r\n', '\r']) {
      const { diagnostics, parses } = countedRead(`${FRONT}${ramp(100, eol)}${eol}`);
      expect(diagnostics).toMatchObject([{ code: 'MARKDOWN_TOO_DEEP', line: BODY_LINE + 32 }]);
      expect(parses).toBe(0);
    }
  });

  it('refuse a paragraph packed with emphasis and link marks, or long after an open bracket', () => {
    const runs = ['a]'.repeat(16000), '*a'.repeat(16000), `${'['.repeat(3000)}${'x '.repeat(30000)}`, `see [the notes${' and more words'.repeat(4000)}`];
    for (const run of runs) {
      const { record, diagnostics, parses } = countedRead(`${FRONT}fine\n\n${run}\n`);
      expect(record).toBeNull();
      expect(diagnostics).toMatchObject([{ code: 'MARKDOWN_TOO_COMPLEX', line: BODY_LINE + 2 }]);
      expect(parses).toBe(0);
    }
  });

  it('refuse tens of thousands of list items, quotes, table cells or lines', () => {
    const shapes = ['- x\n'.repeat(40000), '> x\n\n'.repeat(20000), `| a | b |\n| - | - |\n${'| 1 | 2 |\n'.repeat(20000)}`, 'x\n'.repeat(60000)];
    for (const body of shapes) {
      const { diagnostics, parses } = countedRead(`${FRONT}${body}`);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ code: 'MARKDOWN_TOO_COMPLEX' });
      expect(diagnostics[0]?.line).toBeGreaterThan(BODY_LINE + 100);
      expect(parses).toBe(0);
    }
  });

  it('refuse a page over 256 KiB, naming the line on which it passes the limit', () => {
    // 19 bytes of front matter on 3 lines, then lines of 298 bytes: byte 262,145 is on body line 880.
    const line = `${'长'.repeat(99)}\n`;
    const { record, diagnostics, parses } = countedRead(`---\ntitle: big\n---\n${line.repeat(1000)}`);
    expect(record).toBeNull();
    expect(parses).toBe(0);
    expect(diagnostics).toMatchObject([{ code: 'PAGE_TOO_LARGE', severity: 'ERROR', line: 883 }]);
    expect(diagnostics[0]?.message).toMatch(/256 KiB/);
  });
});

describe('pages as people write them', () => {
  it('load without a diagnostic: nested lists, quotes, thematic breaks, tables, indented code', () => {
    const body = [
      '## 议程',
      '',
      ramp(8),
      '',
      '> 引用',
      '> > 再引用',
      '> > > 三层',
      '',
      '- - -',
      '',
      '* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * *',
      '',
      '| 时间 | 议题 | 讲师 |',
      '| --- | --- | --- |',
      ...Array.from({ length: 100 }, (_, i) => `| 13:${String(i % 60).padStart(2, '0')} | **议题 ${i}** | [讲师](https://example.com/${i}) |`),
      '',
      '```yaml',
      ...Array.from({ length: 100 }, (_, i) => `${' '.repeat(2 * (i % 80))}key${i}: value`),
      '```',
      '',
      ...Array.from({ length: 200 }, (_, i) => `1. 第 ${i} 项 *强调* 与 [链接](https://example.com/${i})\n   - 子项 _一_\n   - 子项 ~~二~~`),
      '',
    ].join('\n');
    const { record, diagnostics, parses } = countedRead(`${FRONT}${body}`);
    expect(diagnostics).toEqual([]);
    expect(record?.event.title).toBe('限度');
    // The counter sees the parses it is there to see: the zeros above are not a dead counter.
    expect(parses).toBe(1);
  });
});

const folder = await tempContent({
  'zh/huge/index.md': `${FRONT}${'x'.repeat(200)}\n`.repeat(2000),
  'zh/fine/index.md': `${FRONT}正文\n`,
});
afterAll(folder.cleanup);

describe('a page file over the limit', () => {
  it('is reported and skipped, and the other pages are served', async () => {
    const { records, diagnostics } = await loadPages(folder.dir);
    expect(records.map((r) => r.sourcePath)).toEqual(['zh/fine/index.md']);
    expect(diagnostics).toMatchObject([{ code: 'PAGE_TOO_LARGE', path: 'zh/huge/index.md', line: expect.any(Number) }]);
  });
});
