/**
 * Start-up A/B of built checkouts: `node bench/start-ab.mjs CONTENT PORT RUNS [service args] -- ROOT…`
 * starts ROOT/dist/cli.js of each checkout in turn (alternating the order each round) and prints,
 * per start, the CPU milliseconds of the process (all threads) when it logged "listening", at its
 * first answered `{ __typename }` and at its first 200 from /readyz, the wall milliseconds from
 * spawn to each, and VmHWM/VmRSS then; medians at the end. Node runs with NODEFLAGS (default
 * --enable-source-maps, as `npm start`); `ROOT@flag,flag` gives one checkout its own flags.
 * CPU time is the figure to compare on a loaded machine. Linux only (reads /proc).
 */

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
const [content, portS, runsS, ...rest] = process.argv.slice(2);
const sep = rest.indexOf('--');
const extra = rest.slice(0, sep);
const roots = rest.slice(sep + 1);
const port = Number(portS);
const nodeFlags = (process.env.NODEFLAGS ?? '--enable-source-maps').split(' ').filter(Boolean);
const post = (path, body) => new Promise((res) => {
  const r = request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers: body ? { 'content-type': 'application/json' } : {} }, (resp) => { resp.resume(); resp.on('end', () => res(resp.statusCode)); });
  r.on('error', () => res(0)); r.end(body);
});
const cpu = (pid) => { try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; } catch { return -1; } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const results = new Map(roots.map((r) => [r, []]));
for (let i = 0; i < Number(runsS); i++) {
  for (const root of (i % 2 ? [...roots].reverse() : roots)) {
    const t0 = performance.now();
    const [dir, flags] = root.includes('@') ? [root.split('@')[0], root.split('@')[1].split(',').filter(Boolean)] : [root, nodeFlags];
    const child = spawn(process.execPath, [...flags, `${dir}/dist/cli.js`, '--content', content, '--port', String(port), ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let listening = null; let listenCpu = null; let out = '';
    child.stdout.on('data', (d) => { out += d; if (listening === null && /listening at/.test(out)) { listening = performance.now() - t0; listenCpu = cpu(child.pid); } });
    child.stderr.on('data', (d) => { out += d; });
    let first = null; let firstCpu = null;
    while (first === null) { if ((await post('/graphql', '{"query":"{__typename}"}')) === 200) { first = performance.now() - t0; firstCpu = cpu(child.pid); } else await sleep(5); }
    let ready = null;
    while (ready === null) { if ((await post('/readyz')) === 200) ready = performance.now() - t0; else await sleep(10); }
    const readyCpu = cpu(child.pid);
    const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1];
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1];
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    const row = { listenCpu, firstCpu, readyCpu, listening: Math.round(listening), first: Math.round(first), ready: Math.round(ready), hwmMB: Math.round(hwm / 1024), rssMB: Math.round(rss / 1024) };
    results.get(root).push(row);
    console.log(root, JSON.stringify(row));
    await sleep(300);
  }
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const [root, rows] of results) console.log('MEDIAN', root, ['listenCpu', 'firstCpu', 'readyCpu', 'listening', 'first', 'ready', 'hwmMB', 'rssMB'].map((k) => `${k} ${med(rows.map((r) => r[k]))}`).join(' '));
