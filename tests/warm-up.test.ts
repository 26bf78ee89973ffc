import { afterAll, describe, expect, it } from 'vitest';
import type { Log } from '../src/model/log.js';
import { createHttpServer } from '../src/server/http-server.js';
import { warmUp } from '../src/server/warm-up.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { loadContent } from '../src/store/load-content.js';
import { busySpeakerPages } from './helpers/busy-speakers.js';
import { tempContent } from './helpers/temp-content.js';

const content = await tempContent(busySpeakerPages(3, 2, 2));
const { graph } = await loadContent(content.dir);
afterAll(() => content.cleanup());

describe('warm-up', () => {
  it('asks the listening server, three times over, a search that finds something and an event page, answered without errors', async () => {
    const lines: { fields: Record<string, unknown>; level: string }[] = [];
    const at = (level: string) => (fields: object) => void lines.push({ level, fields: fields as Record<string, unknown> });
    const log: Log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    const server = createHttpServer(createMeetupYoga({ current: () => graph }, { log }), { log });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const answers: string[] = [];
    server.prependListener('request', (_req, res) => {
      const end = res.end.bind(res) as (chunk?: unknown) => unknown;
      res.end = ((chunk?: unknown) => {
        answers.push(String(chunk));
        return end(chunk);
      }) as typeof res.end;
    });
    try {
      await warmUp(server, graph);
    } finally {
      await new Promise((done) => server.close(done));
    }
    // Three rounds of a search and an event page, each a document of its own.
    expect(lines.map((l) => [l.level, l.fields.requestId, l.fields.status])).toEqual(Array.from({ length: 6 }, () => ['debug', 'warm-up', 200]));
    expect(answers).toHaveLength(6);
    const parsed = answers.map((a) => JSON.parse(a) as { data: Record<string, unknown>; errors?: unknown });
    for (let round = 0; round < 3; round++) {
      expect(parsed[2 * round]?.data.search).toMatchObject({ edges: [{ node: { score: expect.any(Number), snippet: expect.any(String) } }] });
      expect(parsed[2 * round + 1]?.data.event).toMatchObject({ title: expect.any(String) });
    }
  });
});
