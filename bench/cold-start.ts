/**
 * Cold start of a generated folder, without the parse cache: `npx tsx bench/cold-start.ts [repo]`
 * generates BENCH_PAGES pages (10 000) once into BENCH_DIR, then times reading them all
 * (loadPages in worker threads, as serve does on a cold start) with the repo's code (default: this
 * one; give another worktree to compare), and prints peak RSS. With `--parse`, it also times the
 * markdown parse alone, remark against markdown-it, on one thread.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generateContent } from './generate.js';

const repo = resolve(process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ?? '.');
const pages = Number(process.env.BENCH_PAGES ?? 10_000);
const dir = process.env.BENCH_DIR ?? `/tmp/meetup-cold-${pages}`;

if (!existsSync(join(dir, 'zh'))) await generateContent(dir, pages);

const { loadPages } = (await import(join(repo, 'src/store/load-content.ts'))) as typeof import('../src/store/load-content.js');
const started = performance.now();
const loaded = await loadPages(dir, {}, { parallel: true });
const seconds = (performance.now() - started) / 1000;
console.log(`${repo}: ${loaded.records.length} of ${loaded.filesFound} pages in ${seconds.toFixed(2)} s (${(loaded.filesFound / seconds).toFixed(0)} pages/s), ${loaded.parsedInWorkers} in workers, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

if (process.argv.includes('--parse')) {
  const { splitFrontMatter } = await import(join(repo, 'src/content/front-matter.ts'));
  const markdown = await import(join(repo, 'src/content/markdown.ts'));
  const bodies: string[] = [];
  for (let i = 0; i < Math.min(pages, 2000); i++) bodies.push(splitFrontMatter(await readFile(join(dir, 'zh', 'activities', `meetup-${i}`, 'index.md'), 'utf8')).body);
  for (const [name, parse] of [['remark', markdown.parseWithRemark ?? markdown.parseMarkdown], ['parseMarkdown', markdown.parseMarkdown]] as const) {
    for (const b of bodies.slice(0, 200)) parse(b); // warm up
    const t = performance.now();
    for (const b of bodies) parse(b);
    const s = (performance.now() - t) / 1000;
    console.log(`  parse alone, ${name}: ${(bodies.length / s).toFixed(0)} pages/s (${((s * 1000) / bodies.length).toFixed(2)} ms a page)`);
  }
}
