import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopService, type Service } from './service.js';

/**
 * This checkout, where the peer runs from. Not BENCH_SERVICE_ROOT: the peer is the fixed
 * yardstick of a before/after comparison, and Mercurius must share this checkout's `graphql`
 * module with the schema it serves (a schema built by another checkout's copy is refused).
 */
const benchRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts bench/mercurius-server.ts on `contentDir` and resolves once it says it listens (after
 * loading the folder and building the search index). `readyMs` is that whole wait.
 */
export async function startPeer(contentDir: string, timeoutMs = 900_000): Promise<Service> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/mercurius-server.ts', '--content', contentDir], {
    cwd: benchRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the Mercurius peer');
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  try {
    const { url, events } = await new Promise<{ url: string; events: number }>((resolve, reject) => {
      let partial = '';
      const timer = setTimeout(() => reject(new Error(`the Mercurius peer did not listen within ${timeoutMs} ms`)), timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const said = jsonLine(line);
          if (typeof said?.listening === 'string') {
            clearTimeout(timer);
            resolve({ url: said.listening, events: Number(said.events) });
          }
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the Mercurius peer exited (${String(code ?? signal)}) before listening:\n${stderr.trim()}`));
      });
    });
    const readyMs = performance.now() - started;
    return { child, pid, url, spawnedAt: started, readyMs, loaded: { events, files: events, ms: readyMs, fromParseCache: 0 } };
  } catch (error) {
    await stopService(child);
    throw error;
  }
}

/** A line of the peer's stdout as JSON, or null when it is not (a stray console line). */
function jsonLine(line: string): { listening?: unknown; events?: unknown } | null {
  try {
    return line.startsWith('{') ? (JSON.parse(line) as { listening?: unknown; events?: unknown }) : null;
  } catch {
    return null;
  }
}
