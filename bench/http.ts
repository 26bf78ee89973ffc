import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { BaselineData } from './baseline-server.js';
import type { RawResponse } from './service.js';

/** What one autocannon run measured. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  /** Latency percentiles in ms, from every response's own timing (sub-millisecond). */
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /**
   * Responses whose size (headers and body, in bytes) differed from the run's first response: a
   * cheap sign that not every answer was the same.
   */
  readonly sizeChanges: number;
}

/** How to load one endpoint. */
export interface LoadOptions {
  readonly url: string;
  readonly body: string;
  readonly connections: number;
  readonly durationSeconds: number;
}

const HEADERS = { 'content-type': 'application/json' };

/**
 * Runs autocannon against one endpoint. Latencies are collected from autocannon's per-response
 * event rather than its histogram, which records whole milliseconds: the baseline and cached
 * answers mostly take well under 1 ms, where whole milliseconds say nothing.
 *
 * Bodies are not compared here (autocannon's `expectBody`): autocannon decodes each TCP chunk to
 * a string on its own, so a Chinese character split across chunks never compares equal, and the
 * comparison would slow the load generator. Sizes are compared instead; callers compare one
 * answer's bytes outside the timed run.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let firstSize = -1;
  let sizeChanges = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: HEADERS,
        body: options.body,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 10,
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, bytes: number, ms: number) => {
      latencies.push(ms);
      if (firstSize < 0) firstSize = bytes;
      else if (bytes !== firstSize) sizeChanges++;
    });
  });
  const sorted = Float64Array.from(latencies).sort();
  return {
    // Completed responses over the measured wall time; autocannon's own average is per 1-s
    // sample and drops the partial last second.
    requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    sizeChanges,
  };
}

/**
 * Load for a moment before measuring, so the run does not include JIT warm-up or, with the
 * response cache on, the one uncached answer. Bounded by time, not by a request count: uncached
 * search answers only a few dozen requests a second.
 */
export async function warmUp(url: string, body: string, seconds = 0.5): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    // A run stops only on a sample tick (1 s by default): sample faster so 0.5 s means 0.5 s.
    autocannon({ url, method: 'POST', headers: HEADERS, body, connections: 2, duration: seconds, sampleInt: 100, timeout: 10 }, (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

/** Nearest-rank percentile of sorted values; 0 when there are none. */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/** A running baseline server: one path per query name. */
export interface Baseline {
  url(name: string): string;
  close(): Promise<void>;
}

/** Starts the replaying baseline server (see baseline-server.ts) in a worker thread. */
export async function startBaseline(responses: ReadonlyMap<string, RawResponse>): Promise<Baseline> {
  const data: BaselineData = {
    responses: Object.fromEntries([...responses].map(([name, r]) => [name, { contentType: r.contentType, body: new Uint8Array(r.body) }])),
  };
  const worker = new Worker(new URL('./baseline-entry.mjs', import.meta.url), { workerData: data });
  const [message] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([e]) => Promise.reject(e))])) as [
    { port: number },
  ];
  const base = `http://127.0.0.1:${message.port}`;
  return {
    url: (name) => `${base}/${encodeURIComponent(name)}`,
    close: async () => {
      const exited = once(worker, 'exit');
      worker.postMessage('close');
      await exited;
    },
  };
}
