import { describe, expect, it } from 'vitest';
import { ratio } from '../bench/format.js';
import { evaluateTargets, verdict, type HttpFigure, type Measurements, type Server, type TargetRow } from '../bench/targets.js';

// The rules that turn one bench run into the issue-13 summary, on made-up figures: no timing is
// measured here.

const SEARCHES = ['search-zh', 'search-en'];

function figure(query: string, connections: number, server: Server, requestsPerSecond: number, extra: Partial<HttpFigure> = {}): HttpFigure {
  return { pages: 10_000, query, connections, server, requestsPerSecond, p50: 1, p99: 2, clean: true, ...extra };
}

/** A run that meets every target, at 2 and 10 connections. */
function passing(): Measurements {
  const http: HttpFigure[] = [];
  for (const c of [2, 10]) {
    for (const query of ['event-page', 'aggregate', ...SEARCHES]) {
      http.push(figure(query, c, 'baseline', 1000), figure(query, c, 'on', 900), figure(query, c, 'off', 500), figure(query, c, 'mercurius', 400));
    }
  }
  return {
    pages: 10_000,
    http,
    starts: [
      { pages: 10_000, mode: 'cold', readyMs: 9_000, rss: 250 * 2 ** 20 },
      { pages: 10_000, mode: 'cached', readyMs: 1_200, rss: 200 * 2 ** 20 },
    ],
    editMs: [60, 70, 80],
    firstSearch: { query: 'search-zh', ms: 1.5 },
    searchQueries: SEARCHES,
  };
}

const row = (rows: TargetRow[], target: string) => {
  const found = rows.find((r) => r.target.startsWith(target));
  if (!found) throw new Error(`no target "${target}" in ${rows.map((r) => r.target).join(', ')}`);
  return found;
};

describe('evaluateTargets', () => {
  it('says met for every target of a run that meets them all', () => {
    const rows = evaluateTargets(passing());
    expect(rows.map((r) => [r.target, r.met])).toEqual(rows.map((r) => [r.target, true]));
    expect(rows).toHaveLength(12);
  });

  it('misses a ratio target when one connection count misses it, and lists the worst first', () => {
    const m = passing();
    const http = m.http.map((f) => (f.query === 'event-page' && f.connections === 10 && f.server === 'off' ? { ...f, requestsPerSecond: 250 } : f));
    const rows = evaluateTargets({ ...m, http });
    const bare = row(rows, 'uncached event page, of bare');
    expect(bare.met).toBe(false);
    expect(bare.measured).toBe('×0.25 (10 conns), ×0.50 (2 conns)');
    // 250 of Mercurius's 400 misses the peer target too; the aggregate's are untouched.
    expect(row(rows, 'uncached event page, of Mercurius').met).toBe(false);
    expect(row(rows, 'uncached aggregate, of bare').met).toBe(true);
  });

  it('compares ours uncached with Mercurius, not ours cached', () => {
    const m = passing();
    const http = m.http.map((f) => (f.query === 'aggregate' && f.server === 'mercurius' ? { ...f, requestsPerSecond: 600 } : f));
    const rows = evaluateTargets({ ...m, http });
    expect(row(rows, 'uncached aggregate, of Mercurius').met).toBe(false);
    expect(row(rows, 'uncached aggregate, of bare').met).toBe(true);
  });

  it('reads search latency at the fewest connections, uncached, over every search query', () => {
    const m = passing();
    const http = m.http.map((f) => {
      if (f.query === 'search-en' && f.server === 'off' && f.connections === 2) return { ...f, p50: 6, p99: 19 };
      // Latency at 10 connections or of the cached service does not count.
      if (f.connections === 10 || f.server === 'on') return { ...f, p50: 50, p99: 500 };
      return f;
    });
    const rows = evaluateTargets({ ...m, http });
    const p50 = row(rows, 'search p50');
    expect(p50.target).toBe('search p50, uncached, 2 conns');
    expect(p50.met).toBe(false);
    expect(p50.measured).toBe('6.0 ms (search-en), 1.0 ms (search-zh)');
    expect(row(rows, 'search p99').met).toBe(true);
  });

  it('compares the first search with the p99 of the same query that follows', () => {
    const m = passing();
    expect(row(evaluateTargets({ ...m, firstSearch: { query: 'search-zh', ms: 2 } }), 'first search').met).toBe(true);
    expect(row(evaluateTargets({ ...m, firstSearch: { query: 'search-zh', ms: 2.5 } }), 'first search').met).toBe(false);
  });

  it('holds start-up and memory to the size the targets are read at', () => {
    const m = passing();
    const starts = [
      ...m.starts,
      // A slow start at another size is not the 10,000-page start.
      { pages: 1_000, mode: 'cold' as const, readyMs: 60_000, rss: 900 * 2 ** 20 },
    ];
    expect(evaluateTargets({ ...m, starts }).every((r) => r.met)).toBe(true);
    const heavy = evaluateTargets({ ...m, starts: m.starts.map((s) => (s.mode === 'cached' ? { ...s, rss: 301 * 2 ** 20, readyMs: 1_600 } : s)) });
    expect(row(heavy, 'peak RSS').met).toBe(false);
    expect(row(heavy, 'peak RSS').measured).toBe('301 MB (cached), 250 MB (cold)');
    expect(row(heavy, 'cached start').met).toBe(false);
    expect(row(heavy, 'cold start').met).toBe(true);
  });

  it('takes the median one-page edit', () => {
    const m = passing();
    expect(row(evaluateTargets({ ...m, editMs: [50, 60, 400] }), 'one-page edit').met).toBe(true);
    expect(row(evaluateTargets({ ...m, editMs: [50, 150, 400] }), 'one-page edit').met).toBe(false);
  });

  it('reports a target without figures as not measured, not as met', () => {
    const m = passing();
    const rows = evaluateTargets({ ...m, http: m.http.filter((f) => f.server !== 'mercurius'), starts: [], editMs: [], firstSearch: null });
    for (const target of ['uncached event page, of Mercurius', 'uncached aggregate, of Mercurius', 'cold start', 'cached start', 'peak RSS', 'one-page edit', 'first search']) {
      expect(row(rows, target).met, target).toBeNull();
      expect(verdict(row(rows, target)), target).toBe('not measured');
    }
    expect(row(rows, 'uncached event page, of bare').met).toBe(true);
  });

  it('warns when a run behind a figure was flagged', () => {
    const m = passing();
    const http = m.http.map((f) => (f.server === 'mercurius' && f.query === 'event-page' && f.connections === 2 ? { ...f, clean: false } : f));
    const rows = evaluateTargets({ ...m, http });
    expect(verdict(row(rows, 'uncached event page, of Mercurius'))).toBe('met ⚠ flagged run');
    expect(verdict(row(rows, 'uncached event page, of bare'))).toBe('met');
  });

  it('ignores other sizes', () => {
    const m = passing();
    const http = [...m.http, figure('event-page', 2, 'off', 1, { pages: 1_000 }), figure('event-page', 2, 'baseline', 1000, { pages: 1_000 })];
    expect(row(evaluateTargets({ ...m, http }), 'uncached event page, of bare').met).toBe(true);
  });
});

describe('ratio', () => {
  it('keeps two significant digits below 100 and whole numbers above, never exponents', () => {
    expect([0.00094, 0.42, 1, 8.64, 86.4, 864, 8640].map(ratio)).toEqual(['×0.00094', '×0.42', '×1.0', '×8.6', '×86', '×864', '×8,640']);
  });
});
