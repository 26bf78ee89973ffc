import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempContent } from './helpers/temp-content.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

interface Run {
  code: number | null;
  output: string;
}

/** Runs the CLI until it exits, or until `until` appears in its output (then stops it with SIGTERM). */
function runCli(args: string[], until?: RegExp): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(tsx, ['src/bin/serve.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', fail);
    child.on('exit', (code) => {
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

describe('the command line', () => {
  it('says where it listens and how many pages it loaded, logs diagnostics, and exits 0 on SIGTERM', async () => {
    const run = await runCli(['--content', folder.dir, '--port', '0'], /GraphQL at http/);
    expect(run.output).toMatch(/loaded 1 of 2 pages from .* 0 talks/);
    expect(run.output).toMatch(/zh\/broken\/index\.md:2: error \[FRONT_MATTER_SYNTAX\]/);
    expect(run.output).toMatch(/GraphiQL and GraphQL at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(run.code).toBe(0);
  });

  it('exits non-zero under --strict when the content has problems', async () => {
    const run = await runCli(['--content', folder.dir, '--port', '0', '--strict']);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/--strict: 1 content problem/);
  });

  it('rejects a bad port with a message', async () => {
    const run = await runCli(['--content', folder.dir, '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.output).toMatch(/--port must be a port number/);
  });

  it('on SIGTERM (even sent twice) finishes a request already in flight, then exits 0', async () => {
    const child = spawn(tsx, ['src/bin/serve.ts', '--content', folder.dir, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const url = await new Promise<URL>((found) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /GraphiQL and GraphQL at (http:\S+)/.exec(output);
        if (match?.[1]) found(new URL(match[1]));
      });
    });
    const body = JSON.stringify({ query: '{ events { totalCount } }' });
    const answer = new Promise<{ status: number; text: string }>((done, fail) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', fail);
      // Half the body now, the rest after SIGTERM: the request is in flight when the signal comes.
      req.write(body.slice(0, 10));
      // SIGTERM twice, as supervisors may: the second must not cut the drain short.
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGTERM'), 200);
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 300);
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
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
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
    // The service's own line proves the signal reached it, not just npm.
    await new Promise((settle) => setTimeout(settle, 200));
    clearTimeout(killer);
    expect(output).toMatch(/SIGTERM: finishing requests in flight/);
    expect(code).toBe(0);
  }, 60_000);
});
