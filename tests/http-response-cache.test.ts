import type { Server } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ContentStore } from '../src/store/content-store.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import { createHttpServer } from '../src/server/http-server.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { tempContent } from './helpers/temp-content.js';

const page = (title: string) => `---\ntitle: ${title}\ndate: 2021-07-20T10:00:00+08:00\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n`;
const query = encodeURIComponent('{ event(slug: "alpha") { title } }');

/** The service as started on `title`'s content: a fresh process has a fresh cache. */
async function serve(title: string): Promise<{ port: number; get: (etag?: string, headers?: Record<string, string>) => Promise<Response>; stop: () => Promise<void> }> {
  const content = await tempContent({ 'zh/alpha/index.md': page(title) });
  const store = await ContentStore.open(content.dir);
  const server: Server = createHttpServer(createMeetupYoga(store), { cache: new HttpResponseCache(store) });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    get: (etag, headers = {}) =>
      fetch(`http://127.0.0.1:${port}/graphql?query=${query}`, {
        headers: { accept: 'application/graphql-response+json', ...(etag ? { 'if-none-match': etag } : {}), ...headers },
      }),
    stop: async () => {
      await new Promise((ok) => server.close(ok));
      await store.close();
      await content.cleanup();
    },
  };
}

/** A POST of `body` to `target` as written on the wire (fetch only sends origin-form targets); the raw answer. */
function rawPost(port: number, target: string, body: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end(`POST ${target} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    });
    let answer = '';
    socket.setEncoding('utf8').on('data', (text: string) => (answer += text));
    socket.once('error', fail).once('close', () => done(answer));
  });
}

describe('HTTP response cache', () => {
  it('does not answer 304 to an ETag from before a restart when the content changed meanwhile', async () => {
    const before = await serve('重启之前');
    const etag = (await before.get()).headers.get('etag') ?? '';
    await before.stop();
    expect(etag).not.toBe('');

    const after = await serve('重启之后');
    try {
      // Another client's request after the restart fills the cache first.
      expect((await after.get()).status).toBe(200);
      const answer = await after.get(etag);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ data: { event: { title: '重启之后' } } });
    } finally {
      await after.stop();
    }
  });

  it('keeps the ETag of an answer that a restart did not change', async () => {
    const before = await serve('不变');
    const etag = (await before.get()).headers.get('etag') ?? '';
    await before.stop();

    const after = await serve('不变');
    try {
      expect((await after.get()).status).toBe(200);
      expect((await after.get(etag)).status).toBe(304);
    } finally {
      await after.stop();
    }
  });

  it("replays the first answer's status, headers and bytes with the request's own id, and a 304 with its id and the ETag", async () => {
    const service = await serve('重放');
    try {
      const first = await service.get(undefined, { 'x-request-id': 'first' });
      const firstBody = await first.text();
      const second = await service.get(undefined, { 'x-request-id': 'second' });
      expect(await second.text()).toBe(firstBody);
      const headersOf = (r: Response) => Object.fromEntries([...r.headers].filter(([name]) => name !== 'date' && name !== 'x-request-id'));
      expect(headersOf(second)).toEqual(headersOf(first));
      expect([first.status, second.status]).toEqual([200, 200]);
      expect([first.headers.get('x-request-id'), second.headers.get('x-request-id')]).toEqual(['first', 'second']);
      const etag = second.headers.get('etag') ?? '';
      const notModified = await service.get(etag, { 'x-request-id': 'third' });
      expect(notModified.status).toBe(304);
      expect([notModified.headers.get('etag'), notModified.headers.get('x-request-id')]).toEqual([etag, 'third']);
    } finally {
      await service.stop();
    }
  });

  it('keys an absolute-form target by its path and query, and answers a target no URL parser reads with an error', async () => {
    const service = await serve('目标');
    try {
      const body = JSON.stringify({ query: '{ event(slug: "alpha") { title } }' });
      const etagOf = (answer: string) => /^etag: (.*)$/im.exec(answer)?.[1];
      const absolute = await rawPost(service.port, 'http://example.org/graphql', body);
      expect(absolute).toMatch(/^HTTP\/1\.1 200 /);
      expect(absolute).toContain('目标');
      // The same request at its origin-form target is a hit of the same stored answer.
      const origin = await rawPost(service.port, '/graphql', body);
      expect(etagOf(origin)).toBe(etagOf(absolute));
      expect(await rawPost(service.port, 'http://[::1/graphql', body)).toMatch(/^HTTP\/1\.1 500 [^]*"code":"INTERNAL_ERROR"/);
      // And the server still answers.
      expect((await service.get()).status).toBe(200);
    } finally {
      await service.stop();
    }
  });
});
