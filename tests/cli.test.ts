import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContent } from './helpers/temp-content.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The CLI as `npm start` runs it: the compiled bundle under plain node, so signals reach the
 * service itself (through tsx, its signal relay killed the child 30 ms after SIGTERM: exit 143).
 */
const startCli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawn(process.execPath, ['--enable-source-maps', 'dist/cli.js', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });

// A fresh clone has no dist/: build it once for these tests, as `npm start` does.
beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: root });
}, 120_000);

interface Run {
  code: number | null;
  output: string;
}

/** One line of the service's log (bin/logger.ts): a JSON object with its level, time and message. */
interface LogLine {
  readonly level: string;
  readonly time: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** The output as log lines; a line that is not one fails the test. */
function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const entry = JSON.parse(line) as LogLine;
      expect(entry).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
      return entry;
    });
}

/** The lines of `output` written whole so far (a chunk may end mid-line). */
function completeLines(output: string): string[] {
  return output.split('\n').slice(0, -1);
}

/** Runs the CLI until it exits, or until `until` appears in its output (then stops it with SIGTERM). */
function runCli(args: string[], until?: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((done, fail) => {
    const child = startCli(args, env);
    let output = '';
    // Only a hang detector: a start takes well under a second on an idle machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', fail);
    // 'close', not 'exit': the last lines written before exiting may not have been read at 'exit'.
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** Runs the CLI until /readyz answers 200 (so whatever it does before ready is done), then stops it with SIGTERM. */
function runUntilReady(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = startCli(args);
    let output = '';
    let polling = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const poll = async (readyz: string) => {
      while ((await fetch(readyz)).status !== 200) await new Promise((r) => setTimeout(r, 25));
      child.kill('SIGTERM');
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = completeLines(output).find((line) => line.includes('listening at'));
      if (listening && !polling) {
        polling = true;
        poll((JSON.parse(listening) as { url: string }).url.replace(/\/graphql$/, '/readyz')).catch(fail);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

const folder = await tempContent({
  'zh/ok/index.md': '---\ntitle: 一场活动\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n',
  'zh/broken/index.md': '---\ntitle: [unclosed\n---\n',
});
afterAll(folder.cleanup);

// Kills at 60 s are hang detectors; the test timeouts leave them room to report.
describe('the command line', { timeout: 90_000 }, () => {
  it('logs JSON lines: where it listens, how many pages it loaded, each diagnostic with its fields; exits 0 on SIGTERM', async () => {
    const run = await runCli(['--content', folder.dir, '--port', '0'], /GraphQL at http/);
    const lines = logLines(run.output);
    expect(lines.find((l) => l.msg.startsWith('listening at'))).toMatchObject({ level: 'info', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/) });
    expect(lines.find((l) => l.msg.startsWith('content loaded'))).toMatchObject({ level: 'info', pages: 2, events: 1, talks: 0, ms: expect.any(Number), msg: expect.stringMatching(/^content loaded: 1 of 2 pages from .* 0 talks/) });
    expect(lines.find((l) => l.code === 'FRONT_MATTER_SYNTAX')).toMatchObject({
      level: 'warn',
      path: 'zh/broken/index.md',
      line: 2,
      severity: 'ERROR',
      msg: expect.stringMatching(/^zh\/broken\/index\.md:2: error \[FRONT_MATTER_SYNTAX\]/),
    });
    expect(lines.find((l) => /GraphQL at/.test(l.msg))).toMatchObject({ level: 'info', graphiql: true, msg: expect.stringMatching(/^GraphiQL and GraphQL at http:\/\/127\.0\.0\.1:\d+\/graphql$/) });
    expect(lines.find((l) => l.signal === 'SIGTERM')?.msg).toMatch(/SIGTERM: finishing requests in flight/);
    expect(run.code).toBe(0);
  });

  it('exits non-zero under --strict when the content has problems', async () => {
    const run = await runCli(['--content', folder.dir, '--port', '0', '--strict']);
    expect(run.code).toBe(1);
    expect(logLines(run.output).find((l) => l.level === 'error')?.msg).toMatch(/--strict: 1 content problem/);
  });

  it('--log-level warn (or LOG_LEVEL) leaves out the info lines', async () => {
    const strict = ['--content', folder.dir, '--port', '0', '--strict'];
    const levels = async (args: string[], env?: NodeJS.ProcessEnv) => [...new Set(logLines((await runCli(args, undefined, env)).output).map((l) => l.level))].sort();
    expect(await levels(strict)).toEqual(['error', 'info', 'warn']);
    expect(await levels([...strict, '--log-level', 'warn'])).toEqual(['error', 'warn']);
    expect(await levels(strict, { ...process.env, LOG_LEVEL: 'error' })).toEqual(['error']);
  });

  it('keeps the search index beside the parse cache: the next start reads it, a damaged one is built and kept again', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'meetup-cli-cache-'));
    try {
      const args = ['--content', folder.dir, '--port', '0', '--parse-cache', cacheDir, '--no-watch', '--log-level', 'debug'];
      const first = logLines((await runCli(args, /search index kept for the next start/)).output);
      expect(first.find((l) => l.msg === 'search index built')).toMatchObject({ restored: false });
      const path = first.find((l) => l.msg === 'search index kept for the next start')?.path;
      expect(path).toEqual(expect.stringContaining(cacheDir));
      const second = logLines((await runCli(args, /search index read from the parse cache folder/)).output);
      expect(second.find((l) => l.msg === 'search index read from the parse cache folder')).toMatchObject({ restored: true });
      expect(second.some((l) => /search index (built|kept)/.test(l.msg))).toBe(false);
      await writeFile(path as string, 'not an index');
      const third = logLines((await runCli(args, /search index kept for the next start/)).output);
      expect(third.find((l) => l.msg.startsWith('search index kept from the last start not used'))).toMatchObject({ level: 'info', reason: expect.stringMatching(/cannot be read|cut short/) });
      expect(third.some((l) => l.msg === 'search index built')).toBe(true);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('keeps the graph for the next --no-watch start, which loads it; a watching start neither reads nor writes it', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'meetup-cli-cache-'));
    try {
      const base = ['--content', folder.dir, '--port', '0', '--parse-cache', cacheDir, '--log-level', 'debug'];
      const loaded = (lines: LogLine[]) => lines.find((l) => l.msg.startsWith('content loaded'));
      const watching = logLines((await runUntilReady(base)).output);
      expect(watching.some((l) => l.msg === 'graph snapshot kept for the next start')).toBe(false);
      const first = logLines((await runUntilReady([...base, '--no-watch'])).output);
      expect(first.some((l) => l.msg === 'graph snapshot kept for the next start')).toBe(true);
      expect(loaded(first)).toMatchObject({ fromSnapshot: false });
      const second = logLines((await runUntilReady([...base, '--no-watch'])).output);
      expect(loaded(second)).toMatchObject({ fromSnapshot: true, events: loaded(first)?.events, diagnostics: loaded(first)?.diagnostics });
      expect(second.some((l) => l.msg === 'graph snapshot kept for the next start')).toBe(false);
      const again = logLines((await runUntilReady(base)).output);
      expect(loaded(again)).toMatchObject({ fromSnapshot: false });
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('rejects a log level it does not know, saying which it knows', async () => {
    const run = await runCli(['--content', folder.dir, '--port', '0', '--log-level', 'verbose']);
    expect(run.code).toBe(2);
    expect(logLines(run.output)).toEqual([expect.objectContaining({ level: 'error', msg: '--log-level must be one of debug, info, warn, error, silent, got "verbose"' })]);
  });

  it('rejects a bad port with a message', async () => {
    const run = await runCli(['--content', folder.dir, '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(logLines(run.output)[0]?.msg).toMatch(/--port must be a port number/);
  });

  it('rejects a time zone the runtime does not know', async () => {
    const run = await runCli(['--content', folder.dir, '--port', '0', '--timezone', 'Mars/Olympus']);
    expect(run.code).toBe(2);
    expect(logLines(run.output)[0]?.msg).toMatch(/--timezone must be an IANA time zone/);
  });

  it('at --log-level debug, logs every request with its id; a refused one is logged with its code at info', async () => {
    const child = startCli(['--content', folder.dir, '--port', '0', '--log-level', 'debug']);
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const url = await new Promise<string>((found) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const ready = completeLines(output).find((line) => line.includes('GraphQL at'));
        if (ready) found((JSON.parse(ready) as { url: string }).url);
      });
    });
    const clean = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'x-request-id': 'cli-clean-1' } });
    // The same request again: answered by the response cache, whose line pino writes at debug.
    const hit = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'x-request-id': 'cli-hit-1' } });
    const refused = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}&variables=%7Bnope`);
    expect([clean.status, clean.headers.get('x-request-id'), hit.status, refused.status]).toEqual([200, 'cli-clean-1', 200, 400]);
    // Ready once the content is loaded and its search index built (eagerly, not by a search).
    const readyz = url.replace(/\/graphql$/, '/readyz');
    while ((await fetch(readyz)).status !== 200) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    clearTimeout(killer);
    const lines = logLines(output);
    expect(lines.find((l) => l.msg === 'search index built')).toMatchObject({ level: 'debug', ms: expect.any(Number) });
    expect(lines.find((l) => l.requestId === 'cli-clean-1')).toMatchObject({ level: 'debug', method: 'GET', path: '/graphql', status: 200, msg: 'GET /graphql 200' });
    expect(lines.find((l) => l.requestId === 'cli-hit-1')).toMatchObject({ level: 'debug', status: 200, cache: 'hit', msg: 'GET /graphql 200' });
    expect(lines.find((l) => l.requestId === refused.headers.get('x-request-id'))).toMatchObject({ level: 'info', status: 400, errors: [expect.objectContaining({ code: 'MALFORMED_PARAMETER' })] });
  });

  it('on SIGTERM (even sent twice) finishes a request already in flight, then exits 0', async () => {
    const child = startCli(['--content', folder.dir, '--port', '0']);
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    /** Resolves once `pattern` has appeared in the output (whenever it appears). */
    const waiters: [RegExp, () => void][] = [];
    const seen = (pattern: RegExp) => new Promise<void>((done) => (pattern.test(output) ? done() : waiters.push([pattern, done])));
    const url = await new Promise<URL>((found) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const ready = completeLines(output).find((line) => line.includes('GraphiQL and GraphQL at'));
        if (ready) found(new URL((JSON.parse(ready) as { url: string }).url));
        for (const [pattern, done] of waiters) if (pattern.test(output)) done();
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
    });
    const body = JSON.stringify({ query: '{ events { totalCount } }' });
    const answer = new Promise<{ status: number; text: string }>((done, fail) => {
      // `Expect: 100-continue`: the server answers "continue" once it has read the headers, so the
      // request is known to be in flight (not waiting in the accept queue) before the signal.
      const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' };
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', fail);
      req.flushHeaders();
      // Half the body once the server has the headers, the rest after SIGTERM. SIGTERM twice, as
      // supervisors may: the second must not cut the drain short. The rest of the body goes out
      // only once the service has said it is draining (not after a fixed delay, which a busy
      // machine can outlast), so the request really is in flight at the signal.
      req.once('continue', async () => {
        req.write(body.slice(0, 10));
        child.kill('SIGTERM');
        await seen(/SIGTERM: finishing requests in flight/);
        child.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 200));
        req.end(body.slice(10));
      });
    });
    const { status, text } = await answer;
    const code = await exited;
    clearTimeout(killer);
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { events: { totalCount: 1 } } });
    expect(output).toMatch(/SIGTERM: finishing requests in flight/);
    expect(code).toBe(0);
  });

  it('under npm start (the compiled build), SIGTERM to npm reaches the service, which drains and exits 0', async () => {
    // npm runs the script through sh: without `exec` the signal stops at the shell and the service
    // is left running without ever draining.
    const child = spawn('npm', ['start', '--silent', '--', '--content', folder.dir, '--port', '0', '--no-watch'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    await new Promise<void>((ready) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (/GraphiQL and GraphQL at http/.test(output)) ready();
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
    });
    child.kill('SIGTERM');
    const code = await exited;
    clearTimeout(killer);
    // The service's own line proves the signal reached it, not just npm.
    expect(output).toMatch(/SIGTERM: finishing requests in flight/);
    expect(code).toBe(0);
  }, 120_000);
});
