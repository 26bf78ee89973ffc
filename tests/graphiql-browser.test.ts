import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../src/store/content-store.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import { createHttpServer } from '../src/server/http-server.js';
import { createMeetupYoga } from '../src/server/yoga.js';

/** Debian's package: CI installs it in .ci/run; playwright's own browser downloads cannot reach this network. */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
// In CI a missing browser is a broken install step, not a reason to pass quietly.
const inCi = Boolean(process.env.CI);
const skip = !hasChromium && !inCi;
const skipReason = `skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)`;
if (skip) console.warn(`graphiql-browser.test.ts ${skipReason}`);

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const screenshot = fileURLToPath(new URL('./artifacts/graphiql.png', import.meta.url));

/** Whitespace is dropped before comparing: the result pane wraps long lines and indents the continuation. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

interface PaneResult {
  data?: {
    events: { totalCount: number; edges: { node: { talks: { title: string; speakers: { name: string }[] }[] } }[] };
  };
  errors?: unknown[];
}

describe.skipIf(skip)(`GraphiQL in headless Chromium${skip ? ` (${skipReason})` : ''}`, () => {
  let store: ContentStore;
  let server: Server;
  let browser: Browser;
  let origin: string;
  const pageErrors: string[] = [];
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    store = await ContentStore.open(contentDir);
    // As `npm start` serves it: the real node:http server with the response cache in front.
    server = createHttpServer(createMeetupYoga(store), { cache: new HttpResponseCache(store) });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', ok);
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      // Without the background-networking flags Chromium phones home, and this closed network refuses it.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) {
      // The browser's keep-alive connections would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    }
    await store?.close();
  });

  it('runs the default query from the execute button and shows every talk and speaker in the result pane, loading nothing from outside', async () => {
    expect(hasChromium, `CI is set but ${CHROMIUM} is absent: .ci/run must install Debian's chromium`).toBe(true);
    const graph = store.current();
    // The default query asks for the first 10 events; past that the pane would rightly show fewer talks.
    expect(graph.events.size).toBeGreaterThan(0);
    expect(graph.events.size).toBeLessThanOrEqual(10);
    const talkTitles = [...graph.talks.values()].map((t) => squeeze(t.title)).sort();
    const speakerNames = [...graph.speakers.values()].map((s) => squeeze(s.name)).sort();
    expect(talkTitles.length).toBeGreaterThan(0);
    expect(speakerNames.length).toBeGreaterThan(0);

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // On the context, so requests from GraphiQL's web workers are seen too.
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) outsideRequests.push(url);
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    page.setDefaultTimeout(60_000);

    // A page that never gets ready usually says why in its errors or in what it tried to fetch.
    const explained = (error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\npage errors: ${JSON.stringify(pageErrors)}\noutside requests: ${JSON.stringify(outsideRequests)}`);
    };
    await page.goto(`${origin}/graphql`);
    await expect.poll(() => page.title(), { timeout: 30_000 }).toBe('Meetup content graph');
    // Clicking before the editor holds the default query would run an empty document.
    await page.locator('.graphiql-query-editor').getByText('query CrossMeetupSpeakers').waitFor().catch(explained);
    await page.getByRole('button', { name: /^Execute query/ }).click();

    const pane = page.locator('.graphiql-response .result-window');
    await pane.getByText('"data"').waitFor({ timeout: 60_000 }).catch(explained);
    await mkdir(new URL('./artifacts/', import.meta.url), { recursive: true });
    await page.screenshot({ path: screenshot });

    const result = JSON.parse(await readWholePane(page, pane)) as PaneResult;
    expect(result.errors).toBeUndefined();
    const talks = result.data?.events.edges.flatMap((e) => e.node.talks) ?? [];
    expect(result.data?.events.totalCount).toBe(graph.events.size);
    expect(talks.map((t) => t.title).sort()).toEqual(talkTitles);
    expect([...new Set(talks.flatMap((t) => t.speakers.map((s) => s.name)))].sort()).toEqual(speakerNames);

    expect(pageErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
    await context.close();
  }, 180_000);
});

/**
 * The pane's text from top to bottom, whitespace removed. The editor only draws the lines in
 * view, so this pages down through it as a reader would, keeping each drawn line by its offset.
 */
async function readWholePane(page: Page, pane: Locator): Promise<string> {
  const lines = new Map<number, string>();
  await pane.click({ position: { x: 200, y: 10 } });
  await page.keyboard.press('Control+Home');
  let scrolledTo = '';
  let stalled = 0;
  for (let step = 0; step < 200; step++) {
    const view = await pane.evaluate((el) => {
      const drawn = [...el.querySelectorAll<HTMLElement>('.view-line')];
      return {
        scrolledTo: el.querySelector<HTMLElement>('.lines-content')?.style.top ?? '',
        contentHeight: parseFloat(el.querySelector<HTMLElement>('.margin')?.style.height ?? 'NaN'),
        lineHeight: parseFloat(drawn[0]?.style.height ?? 'NaN'),
        drawn: drawn.map((line) => [parseFloat(line.style.top), line.textContent ?? ''] as const),
      };
    });
    for (const [top, text] of view.drawn) lines.set(top, text);
    const tops = [...lines.keys()].sort((a, b) => a - b);
    const whole = tops.length === view.contentHeight / view.lineHeight && tops.every((top, i) => top === i * view.lineHeight);
    if (whole) return squeeze(tops.map((top) => lines.get(top)).join(''));
    // The first PageDown only moves the caret to the last line in view; at the end nothing moves.
    stalled = step > 0 && view.scrolledTo === scrolledTo ? stalled + 1 : 0;
    if (stalled >= 3) break;
    scrolledTo = view.scrolledTo;
    await page.keyboard.press('PageDown');
    await page
      .waitForFunction((before) => document.querySelector<HTMLElement>('.result-window .lines-content')?.style.top !== before, scrolledTo, { timeout: 10_000 })
      .catch(() => undefined);
  }
  throw new Error(`the result pane stopped scrolling before its end (${lines.size} lines read)`);
}
