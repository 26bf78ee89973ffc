/** One response as the load generator saw it; times are `performance.now()` of this process. */
export interface Observed {
  readonly query: string;
  readonly status: number;
  readonly body: string;
  /** At or before the moment the request was written to the socket. */
  readonly sentAt: number;
  /** When the whole response had arrived. */
  readonly receivedAt: number;
}

/** Facts of one answer's `data` that disagree with the content of the version it names. */
export type FactCheck<S> = (query: string, data: unknown, state: S) => string[];

const VERSION = /"contentVersion":"([^"\\]*)"/;
const NON_ASCII = /[^\x00-\x7f]/;
const KEPT_PROBLEMS = 20;

/**
 * Checks answers served while content reloads against the versions the service swapped in:
 *
 * - fresh: an answer names the version current at some moment between its request being sent
 *   and its response arriving. Swaps are logged from the store's change listener, which runs in
 *   the same synchronous step as the swap, and the load generator runs in this process, so the
 *   bound is exact: a cache that kept serving an older version's bytes (under whatever ETag)
 *   names a version already replaced when the request was sent.
 * - one version per answer: every answer to one query that names one version has the same bytes,
 *   and the facts in it agree with that version's content (`facts`), so an answer that mixes two
 *   versions, or carries a version it was not computed from, shows.
 * - clean: status 200, `data` and no `errors`.
 */
export class VersionAudit<S> {
  private readonly swaps: { readonly version: string; readonly at: number; readonly state: S }[] = [];
  private readonly positions = new Map<string, number>();
  /** First body seen per query and version. */
  private readonly bodies = new Map<string, string>();
  private readonly kept: string[] = [];
  private problemCount = 0;
  private responseCount = 0;
  private readonly versionsSeen = new Set<string>();

  constructor(
    initial: { readonly version: string; readonly state: S },
    private readonly facts: FactCheck<S>,
  ) {
    this.swaps.push({ version: initial.version, at: Number.NEGATIVE_INFINITY, state: initial.state });
    this.positions.set(initial.version, 0);
  }

  /** Logs a swap; call it from the store's change listener, synchronously. */
  swapped(version: string, at: number, state: S): void {
    if (this.positions.has(version)) this.problem(`version ${version} swapped in twice`);
    this.positions.set(version, this.swaps.length);
    this.swaps.push({ version, at, state });
  }

  observe(r: Observed): void {
    this.responseCount++;
    if (r.status !== 200) return this.problem(`${r.query}: status ${r.status}`);
    if (NON_ASCII.test(r.body)) {
      // The load generator decodes chunk by chunk: non-ASCII bytes could not be compared reliably.
      return this.problem(`${r.query}: the answer is not ASCII; pick fields whose values are`);
    }
    const version = VERSION.exec(r.body)?.[1];
    if (version === undefined) return this.problem(`${r.query}: no contentVersion in ${r.body.slice(0, 200)}`);
    this.versionsSeen.add(version);
    const position = this.positions.get(version);
    if (position === undefined) return this.problem(`${r.query}: version ${version} was never swapped in`);
    const earliest = this.positionAt(r.sentAt);
    const latest = this.positionAt(r.receivedAt);
    if (position < earliest) {
      return this.problem(`${r.query}: stale answer: version ${version} was replaced by ${this.swaps[earliest]?.version} before the request was sent`);
    }
    if (position > latest) return this.problem(`${r.query}: version ${version} answered before it was swapped in`);

    const key = `${r.query}\u0000${version}`;
    const first = this.bodies.get(key);
    if (first === undefined) {
      this.bodies.set(key, r.body);
      this.checkFacts(r.query, r.body, this.swaps[position]?.state as S);
    } else if (first !== r.body) {
      this.problem(`${r.query}: two different answers for version ${version}:\n  ${first}\n  ${r.body}`);
    }
  }

  /** Problems found so far (the first few in full) and their number. */
  get problems(): { readonly count: number; readonly first: readonly string[] } {
    return { count: this.problemCount, first: this.kept };
  }

  get responses(): number {
    return this.responseCount;
  }

  /** Distinct versions that answered at least once. */
  get versionsAnswered(): number {
    return this.versionsSeen.size;
  }

  /** Swaps logged at or after `since`. */
  swapsSince(since: number): number {
    return this.swaps.filter((s) => s.at >= since).length;
  }

  private checkFacts(query: string, body: string, state: S): void {
    let parsed: { data?: unknown; errors?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return this.problem(`${query}: not JSON: ${body.slice(0, 200)}`);
    }
    if (parsed.errors !== undefined || parsed.data == null) return this.problem(`${query}: GraphQL errors: ${body.slice(0, 500)}`);
    let disagreements: string[];
    try {
      disagreements = this.facts(query, parsed.data, state);
    } catch (error) {
      // An answer of another shape (another query's, say) must count, not stop the load run.
      disagreements = [`unexpected answer (${String(error)}): ${body.slice(0, 200)}`];
    }
    for (const disagreement of disagreements) this.problem(`${query}: ${disagreement}`);
  }

  /** Position of the version current at `time`. */
  private positionAt(time: number): number {
    let i = this.swaps.length - 1;
    while (i > 0 && (this.swaps[i]?.at ?? 0) > time) i--;
    return i;
  }

  private problem(message: string): void {
    this.problemCount++;
    if (this.kept.length < KEPT_PROBLEMS) this.kept.push(message);
  }
}
