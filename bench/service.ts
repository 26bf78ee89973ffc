import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request, Agent } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The project the benchmark measures; its service is built and started from here. */
export const projectRoot = process.env.BENCH_SERVICE_ROOT ?? fileURLToPath(new URL('..', import.meta.url));

/** How the service is started. */
export interface ServiceOptions {
  readonly contentDir: string;
  /** Directory of the on-disk parse cache; null starts without `--parse-cache`. */
  readonly parseCacheDir: string | null;
  readonly watch: boolean;
  readonly responseCache: boolean;
  /** Give up waiting for the first answer after this long. */
  readonly readyTimeoutMs?: number;
  /** More command-line flags for the service (`--max-cost`, …). */
  readonly flags?: readonly string[];
}

/** A running service child and what it took to get it answering. */
export interface Service {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** `performance.now()` when it was spawned. */
  readonly spawnedAt: number;
  /** From spawn to the first answered `{ __typename }`. */
  readonly readyMs: number;
  /** What the service's own "loaded N of M pages … in X ms" line says, if it printed one. */
  readonly loaded: LoadedLine | null;
}

/** The numbers of the service's start-up log line. */
export interface LoadedLine {
  readonly events: number;
  readonly files: number;
  readonly ms: number;
  readonly fromParseCache: number;
}

/** The service refused `--parse-cache` (an older CLI): callers fall back to cold starts only. */
export class UnsupportedFlagError extends Error {}

/** An unpooled agent, so start-up polls measure a fresh connection like a first client would. */
const freshAgent = new Agent({ keepAlive: false });
/** A keep-alive agent for tight polling loops, where reconnecting would dominate the timing. */
export const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: 1 });

/** Asks the OS for a free loopback port; the service needs it before it starts so we can poll it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** One HTTP response, as bytes, so the baseline can replay it exactly. */
export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * POSTs a GraphQL request to `url` with only the headers autocannon sends (host, content-type,
 * content-length), so the captured response is byte-for-byte what the load run receives.
 */
export function postGraphQL(url: string, body: string, agent: Agent = freshAgent, timeoutMs = 30_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(body);
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': String(payload.length) },
      timeout: timeoutMs,
    });
    req.once('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }),
      );
    });
    req.end(payload);
  });
}

/** Runs a query and returns its `data`; GraphQL errors and non-200 answers are thrown. */
export async function queryData(url: string, query: string, agent?: Agent): Promise<unknown> {
  const res = await postGraphQL(url, JSON.stringify({ query }), agent);
  const json = JSON.parse(res.body.toString('utf8')) as { data?: unknown; errors?: { message: string }[] };
  if (res.status !== 200 || json.errors?.length) {
    throw new Error(`query failed (${res.status}): ${json.errors?.map((e) => e.message).join('; ') ?? res.body.toString('utf8').slice(0, 200)}`);
  }
  return json.data;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

let command: Promise<readonly string[]> | null = null;

/**
 * Node's arguments for what `npm start` runs: the compiled service, built once per bench run.
 * An older checkout without a build (BENCH_SERVICE_ROOT) runs its TypeScript through tsx.
 */
function serviceCommand(): Promise<readonly string[]> {
  command ??= (async () => {
    const script = join(projectRoot, 'scripts', 'build.mjs');
    if (!existsSync(script)) return ['--import', 'tsx', 'src/bin/serve.ts'];
    await promisify(execFile)(process.execPath, [script], { cwd: projectRoot });
    return ['--enable-source-maps', 'dist/cli.js'];
  })();
  return command;
}

/** The text line of a CLI from before JSON logs (BENCH_SERVICE_ROOT may name one). */
const LOADED_TEXT = /loaded (\d+) of (\d+) pages .*? in (\d+) ms(?: \((\d+) from the parse cache\))?/;

/** The numbers of the service's "content loaded" log line, if `line` is it. */
export function loadedLine(line: string): LoadedLine | null {
  if (line.startsWith('{')) {
    try {
      const entry = JSON.parse(line) as { msg?: unknown; events?: unknown; pages?: unknown; ms?: unknown; fromParseCache?: unknown };
      if (typeof entry.msg !== 'string' || !entry.msg.startsWith('content loaded')) return null;
      return { events: Number(entry.events), files: Number(entry.pages), ms: Number(entry.ms), fromParseCache: Number(entry.fromParseCache ?? 0) };
    } catch {
      return null;
    }
  }
  const m = LOADED_TEXT.exec(line);
  return m ? { events: Number(m[1]), files: Number(m[2]), ms: Number(m[3]), fromParseCache: Number(m[4] ?? 0) } : null;
}

/**
 * Spawns the service and resolves once it answers `{ __typename }`, polling every 25 ms from the
 * moment of spawning. Node is spawned directly (not through npm) so `pid` is the process whose
 * memory we read.
 */
export async function startService(options: ServiceOptions): Promise<Service> {
  const port = await freePort();
  const args = [...(await serviceCommand()), '--content', options.contentDir, '--port', String(port), '--host', '127.0.0.1'];
  if (options.parseCacheDir) args.push('--parse-cache', options.parseCacheDir);
  if (!options.watch) args.push('--no-watch');
  if (!options.responseCache) args.push('--no-cache');
  args.push(...(options.flags ?? []));

  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the service');

  // Keep reading both pipes: a full pipe buffer would block the child mid-start.
  // An object, not `let`s: the listeners update it while the poll loop below reads it.
  const seen: { loaded: LoadedLine | null; stderr: string; exit: string | null } = { loaded: null, stderr: '', exit: null };
  // The service logs JSON lines on stdout, its start-up errors included: kept like stderr for the exit message.
  let stdoutTail = '';
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    // Chunks need not end at line ends: match whole lines only.
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) seen.loaded = loadedLine(line) ?? seen.loaded;
    stdoutTail = (stdoutTail + text).slice(-4000);
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    seen.stderr = (seen.stderr + text).slice(-4000);
  });
  child.once('exit', (code, signal) => {
    seen.exit = String(code ?? signal);
  });

  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = started + (options.readyTimeoutMs ?? 300_000);
  const probe = JSON.stringify({ query: '{ __typename }' });
  for (;;) {
    if (seen.exit !== null) {
      if (options.parseCacheDir && /parse-cache/.test(seen.stderr) && /unknown option|ERR_PARSE_ARGS_UNKNOWN_OPTION/i.test(seen.stderr)) {
        throw new UnsupportedFlagError('the service does not accept --parse-cache');
      }
      throw new Error(`service exited (${seen.exit}) before answering:\n${`${stdoutTail}\n${seen.stderr}`.trim()}`);
    }
    try {
      const res = await postGraphQL(url, probe, freshAgent, 5_000);
      if (res.status === 200) break;
    } catch {
      // Not listening yet (ECONNREFUSED): keep polling.
    }
    if (performance.now() > deadline) {
      await stopService(child);
      throw new Error(`service did not answer within ${options.readyTimeoutMs ?? 300_000} ms`);
    }
    await sleep(25);
  }
  const readyMs = performance.now() - started;
  // The log line comes just before listening; give its pipe a moment if the answer raced it.
  for (let i = 0; i < 20 && !seen.loaded; i++) await sleep(5);
  return { child, pid, url, spawnedAt: started, readyMs, loaded: seen.loaded };
}

/**
 * Polls `/readyz` every 25 ms until it answers 200: the content is loaded and the first search
 * index built.
 */
export async function waitReady(graphqlUrl: string, timeoutMs = 600_000): Promise<void> {
  const readyz = graphqlUrl.replace(/\/graphql$/, '/readyz');
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const status = await fetch(readyz).then((r) => r.status, () => 0);
    // 404: a checkout from before /readyz (BENCH_SERVICE_ROOT); answering is all it can say.
    if (status === 200 || status === 404) return;
    await sleep(25);
  }
  throw new Error(`${readyz} did not say ready within ${timeoutMs / 1000} s`);
}

/** Peak resident memory of a process in bytes (`VmHWM`), or null when /proc does not have it. */
export async function peakRss(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Sends SIGTERM to this one child and waits for it to exit. The service closes its server
 * gracefully; if an open connection keeps it alive past `graceMs`, the child alone gets SIGKILL.
 */
export async function stopService(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
