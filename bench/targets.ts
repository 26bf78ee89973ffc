import { megabytes, ms, ratio } from './format.js';

/**
 * The targets of issue 13 against what one bench run measured: the summary at the top of
 * bench/results.md. Pure, so the rules (which rows, which connections, worst or median) are
 * tested on their own (tests/bench-targets.test.ts); timings themselves are never asserted.
 */

/** Who answered an HTTP run: our service with its response cache on or off, the peer, the replay. */
export type Server = 'on' | 'off' | 'mercurius' | 'baseline';

/** One autocannon run, as far as the targets read it. */
export interface HttpFigure {
  readonly pages: number;
  readonly query: string;
  readonly connections: number;
  readonly server: Server;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** The run was clean and its answer was the expected one (see run.ts `check`). */
  readonly clean: boolean;
}

export interface StartFigure {
  readonly pages: number;
  readonly mode: 'cold' | 'cached';
  /** Spawn to /readyz 200 (content loaded and search index built). */
  readonly readyMs: number;
  readonly rss: number | null;
}

export interface Measurements {
  /** The size the targets are read at: the largest of the run (the issue states them for 10,000). */
  readonly pages: number;
  readonly http: readonly HttpFigure[];
  readonly starts: readonly StartFigure[];
  /** ms from writing a one-page edit until it was served, at `pages`. */
  readonly editMs: readonly number[];
  /** The first search answered by a freshly ready uncached service at `pages`, by query. */
  readonly firstSearch: { readonly query: string; readonly ms: number } | null;
  /** Names of the search queries. */
  readonly searchQueries: readonly string[];
}

export interface TargetRow {
  readonly target: string;
  readonly goal: string;
  readonly measured: string;
  /** null: not measured in this run. */
  readonly met: boolean | null;
  /** A run behind the figure was flagged (errors, a different answer): the verdict is not trusted. */
  readonly flagged?: boolean;
}

const MB = 2 ** 20;

/** Evaluates every target; a target whose rows are missing is reported as not measured. */
export function evaluateTargets(m: Measurements): TargetRow[] {
  const at = m.http.filter((f) => f.pages === m.pages);
  const find = (query: string, connections: number, server: Server) =>
    at.find((f) => f.query === query && f.connections === connections && f.server === server);
  const connections = [...new Set(at.map((f) => f.connections))].sort((a, b) => a - b);

  /** `server`'s req/s over `versus`'s, per connection count, for one query. */
  const ratios = (query: string, server: Server, versus: Server) =>
    connections.flatMap((c) => {
      const mine = find(query, c, server);
      const theirs = find(query, c, versus);
      return mine && theirs ? [{ label: `${c} conns`, value: mine.requestsPerSecond / theirs.requestsPerSecond, clean: mine.clean && theirs.clean }] : [];
    });
  const atLeast = (target: string, values: readonly Measured[], goal: number): TargetRow => worst(target, `≥ ${ratio(goal)}`, values, (v) => v >= goal, ratio, 'min');

  const rows: TargetRow[] = [
    atLeast('uncached event page, of bare', ratios('event-page', 'off', 'baseline'), 0.3),
    atLeast('uncached event page, of Mercurius+jit', ratios('event-page', 'off', 'mercurius'), 1.0),
    atLeast('uncached aggregate, of bare', ratios('aggregate', 'off', 'baseline'), 0.15),
    atLeast('uncached aggregate, of Mercurius+jit', ratios('aggregate', 'off', 'mercurius'), 1.0),
  ];

  // Latency is read at the fewest connections: with more, each request also waits for the others.
  const quiet = connections[0];
  const searches = m.searchQueries.flatMap((query) => {
    const run = quiet === undefined ? undefined : find(query, quiet, 'off');
    return run ? [{ query, run }] : [];
  });
  const latency = (key: 'p50' | 'p99') => searches.map(({ query, run }) => ({ label: query, value: run[key], clean: run.clean }));
  const note = quiet === undefined ? '' : `, uncached, ${quiet} conns`;
  rows.push(
    worst(`search p50${note}`, `≤ ${ms(5)} ms`, latency('p50'), (v) => v <= 5, (v) => `${ms(v)} ms`, 'max'),
    worst(`search p99${note}`, `≤ ${ms(20)} ms`, latency('p99'), (v) => v <= 20, (v) => `${ms(v)} ms`, 'max'),
  );
  const first = m.firstSearch;
  const following = first && quiet !== undefined ? find(first.query, quiet, 'off') : undefined;
  rows.push({
    target: 'first search after /readyz, uncached',
    goal: '≤ p99 of the searches that follow',
    measured: first && following ? `${ms(first.ms)} ms (${first.query}; p99 ${ms(following.p99)} ms)` : '–',
    met: first && following ? first.ms <= following.p99 : null,
  });

  const start = (mode: StartFigure['mode']) => m.starts.find((s) => s.pages === m.pages && s.mode === mode);
  const cold = start('cold');
  const cached = start('cached');
  const within = (target: string, figure: StartFigure | undefined, limitMs: number): TargetRow => ({
    target,
    goal: `≤ ${(limitMs / 1000).toLocaleString('en-US')} s`,
    measured: figure ? `${(figure.readyMs / 1000).toFixed(1)} s` : '–',
    met: figure ? figure.readyMs <= limitMs : null,
  });
  rows.push(within('cold start to /readyz', cold, 10_000), within('cached start to /readyz', cached, 1_500));
  const rss = [cold, cached].flatMap((s) => (s && s.rss !== null ? [{ label: s.mode, value: s.rss, clean: true }] : []));
  rows.push(worst('peak RSS, cold and cached start', '≤ 300 MB', rss, (v) => v <= 300 * MB, (v) => `${megabytes(v)} MB`, 'max'));

  const cachedRatios = [...new Set(at.map((f) => f.query))].flatMap((query) =>
    ratios(query, 'on', 'baseline').map((r) => ({ ...r, label: `${query}, ${r.label}` })),
  );
  rows.push(atLeast('cached answers, of bare', cachedRatios, 0.7));

  const edits = [...m.editMs].sort((a, b) => a - b);
  const median = edits.length ? (edits[(edits.length - 1) >> 1]! + edits[edits.length >> 1]!) / 2 : NaN;
  rows.push({
    target: 'one-page edit served (median)',
    goal: `≤ ${ms(100)} ms`,
    measured: edits.length ? `${ms(median)} ms (max ${ms(edits[edits.length - 1]!)})` : '–',
    met: edits.length ? median <= 100 : null,
  });
  return rows;
}

interface Measured {
  readonly label: string;
  readonly value: number;
  /** False when a run behind the value was flagged: the verdict then carries a warning. */
  readonly clean: boolean;
}

/**
 * One target over several measurements (connection counts, queries): met only when every one
 * meets it; the worst is shown first, the rest after it.
 */
function worst(
  target: string,
  goal: string,
  values: readonly Measured[],
  meets: (value: number) => boolean,
  show: (value: number) => string,
  worstIs: 'min' | 'max',
): TargetRow {
  if (values.length === 0) return { target, goal, measured: '–', met: null };
  const sorted = [...values].sort((a, b) => (worstIs === 'min' ? a.value - b.value : b.value - a.value));
  const flagged = values.some((v) => !v.clean);
  const measured = sorted.map((v) => `${show(v.value)} (${v.label})`).join(', ');
  return { target, goal, measured, met: values.every((v) => meets(v.value)), flagged };
}

/** met / missed / not measured, for the table; a flagged run casts doubt on either. */
export function verdict(row: TargetRow): string {
  const said = row.met === null ? 'not measured' : row.met ? 'met' : '**missed**';
  return row.flagged ? `${said} ⚠ flagged run` : said;
}
