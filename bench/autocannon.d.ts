// autocannon ships no types and @types/autocannon is not installed: these declare only the
// parts of its programmatic API the benchmark and the load test use.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      body?: string | Buffer;
      connections?: number;
      pipelining?: number;
      /** Seconds. */
      duration?: number;
      /** Stop after this many requests instead of after `duration`. */
      amount?: number;
      /** Milliseconds between samples; a `duration` run only stops on a sample. */
      sampleInt?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      /** A response whose body differs counts as a mismatch. */
      expectBody?: string;
      /** Each connection sends these in turn, round and round, instead of one fixed request. */
      requests?: Request[];
    }

    /** One request of a `requests` cycle; `context` is per connection, emptied at each round. */
    interface Request {
      method?: 'GET' | 'POST';
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      /** Called just before the request is (re)built for sending; returns what to send. */
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
      /**
       * Called with the whole response. The body is decoded chunk by chunk as it arrives, so a
       * multi-byte character split between two TCP chunks comes out garbled.
       */
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
    }

    /** Summary of one histogram (latency in ms, requests per second, bytes per second). */
    interface Stats {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p99: number;
    }

    interface Result {
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      latency: Stats;
      requests: Stats & { sent: number };
      throughput: Stats;
    }

    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options, callback: (error: Error | null, result: autocannon.Result) => void): autocannon.Instance;

  export = autocannon;
}
