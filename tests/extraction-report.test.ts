import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContent } from './helpers/temp-content.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** Debian's package, as for the GraphiQL test: CI installs it, and there a missing browser fails. */
const CHROMIUM = '/usr/bin/chromium';
const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;

const announcement = `---
title: Spring meetup
date: 2013-03-01
---

We are pleased to announce the spring meetup: **March 14th 2013 at 18.30**.

## Agenda

* Ada Wong, Example Labs: Streams in practice
* Lin Mei: "Drawing <canvas> shapes"

Slides: [deck](https://example.org/spring.pdf)
`;
const doubtful = `---
title: Autumn meetup
talks:
  - title: Testing in production
    speakers: ["Ada Wong", "We will announce the second speaker soon, stay tuned!"]
---

- Venue: https://maps.example.org/place/42
`;

const folder = await tempContent({
  'posts/spring.md': announcement,
  'posts/autumn.md': doubtful,
  'posts/broken.md': '---\ntitle: [unclosed\n---\n\nBody.\n',
});
const report = `${folder.dir}/report.html`;
afterAll(folder.cleanup);

// tsx takes seconds to start on a busy machine; 120 s is the hang detector, not a budget.
describe('npm run extract -- --report', { timeout: 120_000 }, () => {
  let html = '';
  beforeAll(async () => {
    const { stdout } = await run(tsx, ['src/bin/extract.ts', '--content', folder.dir, '--report', report], { cwd: root });
    expect(stdout).toMatch(/report: .*report\.html \(3 pages, \d+ doubts and problems\)/);
    html = await readFile(report, 'utf8');
  }, 120_000);

  it('marks each value on the line it was read from, and escapes the page text', () => {
    expect(html).toMatch(/<td class="n">6<\/td><td class="src">We are pleased[^<]*<\/td><td class="notes"><mark data-kind="event">date: 2013-03-14<\/mark> <mark data-kind="event">startTime: 18:30<\/mark>/);
    expect(html).toMatch(/<td class="n">10<\/td>.*<mark data-kind="talk">talk: Streams in practice<\/mark>/);
    expect(html).toContain('Drawing &lt;canvas&gt; shapes');
    expect(html).not.toContain('<canvas>');
    expect(html).toMatch(/<mark data-kind="resource">slides: https:\/\/example\.org\/spring\.pdf<\/mark>/);
  });

  it('shows what was doubted and what could not be read, on its line', () => {
    expect(html).toMatch(/<tr class="doubted"><td class="n">8<\/td>.*<mark data-kind="doubt">EXTRACTION_DOUBT: the venue read here/);
    expect(html).toMatch(/<mark data-kind="doubt">EXTRACTION_DOUBT: the speaker read here, &quot;We will announce/);
    expect(html).toMatch(/<mark data-kind="problem">FRONT_MATTER_SYNTAX: /);
  });

  describe.skipIf(skipBrowser)('in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: 60_000, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    }, 120_000);
    afterAll(async () => browser?.close());

    it('lists every page and shows the marks a site owner reads', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(report).href);
      expect(await page.locator('table.index tbody tr').count()).toBe(3);
      const spring = page.locator('section', { has: page.locator('h2', { hasText: 'posts/spring.md' }) });
      // The page's `<canvas>` is raw HTML to a markdown reader: the title is read without it, the source line shows it.
      expect(await spring.locator('td.src', { hasText: '<canvas>' }).count()).toBe(1);
      expect(await spring.locator('mark[data-kind=talk]').allInnerTexts()).toEqual(['talk: Streams in practice', 'talk: Drawing shapes']);
      expect(await spring.locator('dl.facts dd').nth(1).innerText()).toBe('2013-03-14 18:30 +00:00');
      const autumn = page.locator('section', { has: page.locator('h2', { hasText: 'posts/autumn.md' }) });
      expect(await autumn.locator('tr.doubted').count()).toBeGreaterThanOrEqual(1);
      expect(await autumn.locator('mark[data-kind=doubt]').first().isVisible()).toBe(true);
      expect(await page.locator('script').count()).toBe(0);
      expect(errors).toEqual([]);
    });
  });
});
