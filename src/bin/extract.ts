import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderExtractionReport } from '../render/extraction-report.js';
import { loadPages } from '../store/load-content.js';
import { formatDiagnostic, printable } from '../model/diagnostics.js';
import { readVocabularyFile, VocabularyFileError } from './vocabulary-file.js';
import type { PageRecord, SourceRef } from '../model/records.js';

/**
 * `npm run extract -- --content DIR [--json] [--report FILE.html] [--vocabulary FILE]`: what was
 * read from each page, with the line each value came from, so an author can see why the API says
 * what it says; `--report` writes it as one HTML page with each value marked on its line.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { content: { type: 'string' }, json: { type: 'boolean', default: false }, report: { type: 'string' }, vocabulary: { type: 'string' }, 'utc-offset': { type: 'string' }, timezone: { type: 'string' } },
    strict: true,
  });
  if (!values.content) {
    console.error('usage: npm run extract -- --content DIR [--json] [--report FILE.html] [--vocabulary FILE] [--timezone ZONE]');
    return 2;
  }
  const vocabulary = values.vocabulary ? await readVocabularyFile(values.vocabulary) : undefined;
  const defaultOffset = values['utc-offset'] ?? process.env.UTC_OFFSET;
  const timezone = values.timezone ?? process.env.TIMEZONE ?? null;
  const root = resolve(values.content);
  const { records, diagnostics, pages } = await loadPages(root, { vocabulary, defaultOffset, timezone });
  if (values.report) {
    const report = await Promise.all(
      [...pages].map(async ([sourcePath, loaded]) => ({
        sourcePath,
        text: await readFile(join(root, sourcePath), 'utf8').catch(() => null),
        record: loaded.record,
        diagnostics: loaded.diagnostics,
      })),
    );
    await writeFile(values.report, renderExtractionReport({ root: values.content, pages: report }));
    console.log(`report: ${resolve(values.report)} (${pages.size} pages, ${diagnostics.length} doubts and problems)`);
    return 0;
  }
  if (values.json) {
    const pages = records.map(({ body: _body, ...rest }) => rest);
    console.log(JSON.stringify({ pages, diagnostics }, null, 2));
    return 0;
  }
  for (const page of records) console.log(describePage(page));
  for (const d of diagnostics) console.log(formatDiagnostic(d));
  return 0;
}

const at = (source: SourceRef) => (source.line === null ? '' : `  (line ${source.line})`);

/** A page as an author reads it: event facts, then each talk with its people and links. */
function describePage(page: PageRecord): string {
  const e = page.event;
  const when = [e.date ?? 'no date', e.startTime && `${e.startTime}${e.endTime ? `-${e.endTime}` : ''}`, e.utcOffset].filter(Boolean).join(' ');
  const lines = [
    `== ${page.sourcePath}`,
    `   ${e.title}`,
    `   when: ${when}; where: ${[e.city, e.venue].filter(Boolean).join(', ') || '-'}; format: ${e.format ?? '-'}`,
  ];
  page.talks.forEach((t, i) => {
    const time = t.startTime ? ` [${t.startTime}${t.endTime ? `-${t.endTime}` : ''}]` : '';
    lines.push(`   talk ${i + 1}: ${t.title}${time}${at(t.source)}`);
    for (const s of t.speakers) {
      const p = page.speakers[s];
      if (!p) continue;
      const aka = p.aliases.length ? ` (${p.aliases.join(', ')})` : '';
      lines.push(`      speaker: ${p.name}${aka}${p.affiliation ? `, ${p.affiliation}` : ''}${at(p.source)}`);
    }
    for (const r of page.resources.filter((r) => r.talk === i)) lines.push(`      ${r.kind.toLowerCase()}: ${r.url}${at(r.source)}`);
    for (const p of page.projects.filter((p) => p.talks.includes(i))) lines.push(`      project: ${p.slug}${at(p.source)}`);
  });
  for (const r of page.resources.filter((r) => r.talk === null)) lines.push(`   ${r.kind.toLowerCase()}: ${r.url}${at(r.source)}`);
  const loose = page.projects.filter((p) => p.talks.length === 0).map((p) => p.slug);
  if (loose.length) lines.push(`   projects: ${loose.join(', ')}`);
  // Each value on its own line: a newline in a file name or a title must not start another.
  return lines.map(printable).join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof VocabularyFileError ? error.message : error);
    process.exitCode = error instanceof VocabularyFileError ? 2 : 1;
  },
);
