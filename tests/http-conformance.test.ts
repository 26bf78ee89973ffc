import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/store/load-content.js';
import { HttpResponseCache } from '../src/server/response-cache.js';
import { createHttpServer } from '../src/server/http-server.js';
import { createMeetupYoga, type MeetupYogaOptions } from '../src/server/yoga.js';

/**
 * The GraphQL-over-HTTP audit of the `graphql-http` package, run against the real HTTP server
 * (response cache on, as it is served), in the default and the production configuration, with
 * the fast path on and off.
 */
const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const { graph } = await loadContent(contentDir);
const source = { current: () => graph };

/**
 * SHOULDs the service does not meet, with the reason (the closing note and the README quote
 * this list). A new failure, or one of these passing, fails the test so the list stays true.
 */
const KNOWN_SHOULD_MISSES: Record<string, string> = {};

async function serve(options: MeetupYogaOptions, fastPath: boolean): Promise<{ server: Server; url: string }> {
  const yoga = createMeetupYoga(source, options);
  const server = createHttpServer(yoga, { cache: new HttpResponseCache(source), fastPath });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

/**
 * Production mode is audited with introspection on: two audits send `__type(name: $name)`, which
 * production refuses by design when introspection is off (see the production tests).
 */
const MODES: Record<string, MeetupYogaOptions> = { default: {}, production: { production: true, introspection: true } };

// The fast path (fast-path.ts) is on by default; off, Yoga answers every request.
for (const [mode, options] of Object.entries(MODES)) for (const fastPath of [true, false]) {
  describe(`graphql-http server audits (${mode} mode, fast path ${fastPath ? 'on' : 'off'})`, () => {
    let running: { server: Server; url: string };
    beforeAll(async () => {
      running = await serve(options, fastPath);
    });
    afterAll(() => new Promise<void>((done) => running.server.close(() => done())));

    const audits = serverAudits({ url: () => running.url });
    for (const audit of audits) {
      const level = audit.name.split(' ')[0];
      it(`${audit.id} ${audit.name}`, async () => {
        const result = await audit.fn();
        if (level === 'MUST') {
          expect(result.status === 'ok' ? 'ok' : `${result.status}: ${'reason' in result ? result.reason : ''}`).toBe('ok');
        } else if (level === 'SHOULD') {
          const known = KNOWN_SHOULD_MISSES[audit.name];
          expect(result.status === 'ok' ? 'ok' : `miss: ${'reason' in result ? result.reason : ''}`).toBe(known ? `miss: ${known}` : 'ok');
        }
      });
    }
  });
}
