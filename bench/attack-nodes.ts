/**
 * `npx tsx bench/attack-nodes.ts [service flags]`: the amplification attack of issue 12 (row B)
 * against the service on generated content. One small request asks `nodes(ids:)` for 1,800 ids
 * with a selection that walks event → talks → speakers → talks …; it is sent once, then 8 such
 * requests at once to a freshly started service, and the script prints the answers' bytes, their
 * time and the service's peak RSS. Flags after the script's name go to the service
 * (`--max-cost 1000000000`).
 *
 * Environment: ATTACK_PAGES (generated pages, default 1,000), ATTACK_IDS (ids in the request,
 * default 1,800), BENCH_SERVICE_ROOT (measure another checkout, e.g. the commit before a fix).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContent } from './generate.js';
import { megabytes, table } from './format.js';
import { peakRss, postGraphQL, queryData, startService, stopService, projectRoot, type RawResponse } from './service.js';

const PAGES = positiveInteger('ATTACK_PAGES', 1000);
const IDS = positiveInteger('ATTACK_IDS', 1800);
const CONCURRENT = 8;
/** Long enough for an 80 MB answer on a loaded machine; the attack is measured, not raced. */
const TIMEOUT_MS = 600_000;
const flags = process.argv.slice(2);

const ATTACK = `query Attack($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Event { title talks { title speakers { name talks { title speakers { name talks { title } } } } } }
  }
}`;

interface Shot {
  readonly status: number;
  readonly bytes: number;
  readonly seconds: number;
  /** The first error's code, or "" for an answer without errors. */
  readonly code: string;
}

const dir = await mkdtemp(join(tmpdir(), 'meetup-attack-'));
try {
  process.stderr.write(`generating ${PAGES} pages in ${dir}\n`);
  await generateContent(dir, PAGES);
  const options = { contentDir: dir, parseCacheDir: null, watch: false, responseCache: true, flags } as const;

  let service = await startService(options);
  const ids = await eventIds(service.url);
  // Each request of the 8 lists the ids from another start, as an attacker would: the same bytes
  // 8 times would be answered from the response cache once the first answer is stored.
  const bodies = Array.from({ length: CONCURRENT }, (_, n) =>
    JSON.stringify({ query: ATTACK, variables: { ids: Array.from({ length: IDS }, (_, i) => ids[(i + n) % ids.length]) } }),
  );
  const body = bodies[0] ?? '';
  process.stderr.write(`service ${projectRoot} ${flags.join(' ')}: ${ids.length} events; request ${body.length} bytes\n`);
  const onceBefore = await peakRss(service.pid);
  const once = await shoot(service.url, body);
  const onceRss = await peakRss(service.pid);
  await stopService(service.child);

  // A fresh service, so its peak RSS is the 8's alone.
  service = await startService(options);
  const manyBefore = await peakRss(service.pid);
  const started = performance.now();
  const many = await Promise.all(bodies.map((b) => shoot(service.url, b)));
  const allSeconds = (performance.now() - started) / 1000;
  const manyRss = await peakRss(service.pid);
  await stopService(service.child);

  const row = (name: string, shots: readonly Shot[], seconds: string, before: number | null, after: number | null) => [
    name,
    [...new Set(shots.map((s) => s.status))].join(', '),
    [...new Set(shots.map((s) => s.code || 'none'))].join(', '),
    `${(Math.max(...shots.map((s) => s.bytes)) / 1e6).toFixed(2)} MB`,
    seconds,
    `${megabytes(before)} → ${megabytes(after)}`,
  ];
  const slowest = Math.max(...many.map((s) => s.seconds));
  process.stdout.write(
    `\n${PAGES} pages, ${IDS} ids, request ${(body.length / 1000).toFixed(0)} KB, flags: ${flags.join(' ') || '(defaults)'}\n\n` +
      table(
        ['run', 'status', 'error code', 'answer (largest)', 'seconds', 'peak RSS MiB (started → after)'],
        [
          row('once', [once], once.seconds.toFixed(2), onceBefore, onceRss),
          row(`${CONCURRENT} at once`, many, `${slowest.toFixed(2)} slowest, ${allSeconds.toFixed(2)} all`, manyBefore, manyRss),
        ],
        new Set([3, 4, 5]),
      ) +
      '\n',
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** Every event's global id, paged through 100 at a time. */
async function eventIds(url: string): Promise<string[]> {
  const out: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = (await queryData(url, `{ events(first: 100${after ? `, after: ${JSON.stringify(after)}` : ''}) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`)) as {
      events: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    out.push(...page.events.edges.map((e) => e.node.id));
    if (!page.events.pageInfo.hasNextPage || !page.events.pageInfo.endCursor) return out;
    after = page.events.pageInfo.endCursor;
  }
}

/** Sends the attack and times its answer. */
async function shoot(url: string, body: string): Promise<Shot> {
  const started = performance.now();
  const res: RawResponse = await postGraphQL(url, body, undefined, TIMEOUT_MS);
  const seconds = (performance.now() - started) / 1000;
  return { status: res.status, bytes: res.body.length, seconds, code: firstCode(res.body) };
}

/** The first error's code of an answer, with the cost it names; an answer of megabytes is data, and is not parsed. */
function firstCode(body: Buffer): string {
  if (body.length > 1_000_000) return '';
  const json = JSON.parse(body.toString('utf8')) as { errors?: { extensions?: { code?: string; cost?: number } }[] };
  const error = json.errors?.[0];
  if (!error) return '';
  const cost = error.extensions?.cost;
  return `${error.extensions?.code ?? 'unknown'}${cost === undefined ? '' : ` (cost ${cost.toLocaleString('en-US')})`}`;
}

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${text}"`);
  return value;
}
