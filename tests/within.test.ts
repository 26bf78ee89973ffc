import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TimedOut, unlessStalled } from '../src/store/within.js';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Holds the event loop, as parsing a large page in the main thread does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('unlessStalled (the read timeout)', () => {
  it('lets slow work that keeps making progress finish, however long it takes in all', async () => {
    const steps = unlessStalled(async (progress) => {
      for (let i = 0; i < 8; i++) {
        await sleep(40);
        progress();
      }
      return 'read';
    }, 100);
    await expect(steps).resolves.toBe('read');
  });

  it('times out work that makes no progress, and tells onLate how it ended when it does', async () => {
    const late: PromiseSettledResult<string>[] = [];
    let finish: (value: string) => void = () => undefined;
    const stuck = unlessStalled(() => new Promise<string>((done) => (finish = done)), 50, (outcome) => late.push(outcome));
    await expect(stuck).rejects.toBeInstanceOf(TimedOut);
    finish('at last');
    await sleep(0);
    expect(late).toEqual([{ status: 'fulfilled', value: 'at last' }]);
  });

  it('counts I/O that finished while the event loop was held as progress, not as a timeout', async () => {
    // Held from an I/O turn of the loop, as parsing a page read just before is: when it lets go,
    // the next turn runs its due timers before it looks at I/O, so a plain timeout would fail a
    // stat that finished long before.
    const { work } = await new Promise<{ work: Promise<boolean> }>((done) =>
      setImmediate(() => {
        const started = unlessStalled(async (progress) => {
          const stats = await stat(fileURLToPath(import.meta.url));
          progress();
          return stats.isFile();
        }, 30);
        busy(150);
        done({ work: started });
      }),
    );
    await expect(work).resolves.toBe(true);
  });
});
