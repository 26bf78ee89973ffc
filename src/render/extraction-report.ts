import type { Diagnostic } from '../model/diagnostics.js';
import type { PageRecord, SourceRef } from '../model/records.js';
import { escapeHtml } from './escape-html.js';

/** One page of the site as the report shows it: its file as written and what was read from it. */
export interface ReportPage {
  readonly sourcePath: string;
  /** The file's text; null when it could not be read again for the report. */
  readonly text: string | null;
  /** Null for a page that was not served (its diagnostics say why). */
  readonly record: PageRecord | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** What a value read from a page is, as its mark in the report is coloured and labelled. */
type ReadKind = 'event' | 'talk' | 'speaker' | 'resource' | 'project' | 'doubt' | 'problem';

interface Note {
  readonly kind: ReadKind;
  readonly text: string;
}

/**
 * One HTML page for a site: every page's file with each line that gave a value marked in place
 * (event facts, talks, speakers, resources, projects) and every doubt or problem on its line, so
 * a site owner sees at a glance what the service understood and what it did not. Everything from
 * the content is escaped; the page runs no script.
 */
export function renderExtractionReport(site: { readonly root: string; readonly pages: readonly ReportPage[] }): string {
  const pages = [...site.pages].sort((a, b) => a.sourcePath.localeCompare(b.sourcePath));
  const totals = {
    pages: pages.length,
    events: pages.filter((p) => p.record).length,
    talks: sum(pages, (p) => p.record?.talks.length ?? 0),
    doubts: sum(pages, (p) => p.diagnostics.length),
  };
  const rows = pages
    .map((p, i) => {
      const talks = p.record?.talks.length ?? 0;
      const speakers = p.record?.speakers.length ?? 0;
      return `<tr><td><a href="#page-${i}">${escapeHtml(p.sourcePath)}</a></td><td>${escapeHtml(p.record?.event.date ?? '')}</td><td>${talks}</td><td>${speakers}</td><td${p.diagnostics.length ? ' class="warn"' : ''}>${p.diagnostics.length}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>What was read: ${escapeHtml(site.root)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>What was read from <code>${escapeHtml(site.root)}</code></h1>
<p class="totals">${totals.pages} pages, ${totals.events} served as events, ${totals.talks} talks, <span${totals.doubts ? ' class="warn"' : ''}>${totals.doubts} doubts and problems</span>.</p>
<p class="legend"><mark data-kind="event">event fact</mark> <mark data-kind="talk">talk</mark> <mark data-kind="speaker">speaker</mark> <mark data-kind="resource">resource</mark> <mark data-kind="project">project</mark> <mark data-kind="doubt">doubted, not served</mark> <mark data-kind="problem">problem</mark></p>
<table class="index"><thead><tr><th>page</th><th>date</th><th>talks</th><th>speakers</th><th>doubts</th></tr></thead><tbody>
${rows}
</tbody></table>
</header>
<main>
${pages.map((p, i) => pageSection(p, i)).join('\n')}
</main>
</body>
</html>
`;
}

function pageSection(page: ReportPage, index: number): string {
  const notes = notesByLine(page);
  const summary = page.record ? eventSummary(page.record) : '<p class="warn">Not served: see the problems below.</p>';
  const lines = page.text === null ? [] : page.text.split('\n');
  const source = lines
    .map((line, i) => {
      const here = notes.get(i + 1) ?? [];
      const cls = here.some((n) => n.kind === 'doubt' || n.kind === 'problem') ? ' class="doubted"' : here.length ? ' class="read"' : '';
      const marks = here.map((n) => `<mark data-kind="${n.kind}">${escapeHtml(n.text)}</mark>`).join(' ');
      return `<tr${cls}><td class="n">${i + 1}</td><td class="src">${escapeHtml(line)}</td><td class="notes">${marks}</td></tr>`;
    })
    .join('\n');
  // Notes on lines the file does not have (no line, or a file that could not be re-read).
  const loose = [...notes.entries()].filter(([line]) => line < 1 || line > lines.length).flatMap(([, n]) => n);
  return `<section id="page-${index}">
<h2>${escapeHtml(page.sourcePath)}</h2>
${summary}
${loose.length ? `<p>${loose.map((n) => `<mark data-kind="${n.kind}">${escapeHtml(n.text)}</mark>`).join(' ')}</p>` : ''}
<table class="source"><tbody>
${source}
</tbody></table>
</section>`;
}

function eventSummary(record: PageRecord): string {
  const e = record.event;
  const when = [e.date, e.startTime && `${e.startTime}${e.endTime ? `–${e.endTime}` : ''}`, e.date ? e.utcOffset : null].filter(Boolean).join(' ');
  const talks = record.talks
    .map((t) => {
      const who = t.speakers.map((i) => record.speakers[i]?.name).filter(Boolean).join(', ');
      return `<li>${escapeHtml(t.title)}${who ? ` <span class="who">— ${escapeHtml(who)}</span>` : ''}</li>`;
    })
    .join('');
  return `<dl class="facts">
<dt>title</dt><dd>${escapeHtml(e.title)}</dd>
<dt>when</dt><dd>${escapeHtml(when || '—')}</dd>
<dt>where</dt><dd>${escapeHtml([e.city, e.venue].filter(Boolean).join(' · ') || '—')}</dd>
<dt>format</dt><dd>${escapeHtml(e.format ?? '—')}</dd>
<dt>talks</dt><dd>${talks ? `<ol>${talks}</ol>` : '—'}</dd>
</dl>`;
}

/** Every value read from the page and every diagnostic, by the file line it came from. */
function notesByLine(page: ReportPage): Map<number, Note[]> {
  const notes = new Map<number, Note[]>();
  const add = (source: SourceRef | undefined | null, kind: ReadKind, text: string) => {
    const line = source?.line ?? 0;
    const list = notes.get(line) ?? [];
    if (!list.some((n) => n.kind === kind && n.text === text)) list.push({ kind, text });
    notes.set(line, list);
  };
  const r = page.record;
  if (r) {
    const e = r.event;
    const facts: Record<string, string | null> = { title: e.title, date: e.date, startTime: e.startTime, endTime: e.endTime, city: e.city, venue: e.venue, format: e.format };
    for (const [field, source] of Object.entries(e.sources)) {
      const value = facts[field];
      if (value) add(source, 'event', `${field}: ${value}`);
    }
    r.talks.forEach((t) => add(t.source, 'talk', `talk: ${t.title}${t.startTime ? ` (${t.startTime}${t.endTime ? `–${t.endTime}` : ''})` : ''}`));
    for (const s of r.speakers) add(s.source, 'speaker', `speaker: ${s.name}${s.affiliation ? `, ${s.affiliation}` : ''}`);
    for (const res of r.resources) add(res.source, 'resource', `${res.kind.toLowerCase()}: ${res.url}`);
    for (const p of r.projects) add(p.source, 'project', `project: ${p.slug}`);
  }
  for (const d of page.diagnostics) add({ path: d.path, line: d.line }, d.code === 'EXTRACTION_DOUBT' ? 'doubt' : 'problem', `${d.code}: ${d.message}`);
  return notes;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d1d1f; }
header, main { padding: 0 24px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 32px; border-top: 1px solid #ddd; padding-top: 16px; }
code, .src { font-family: ui-monospace, Menlo, Consolas, monospace; }
.warn { color: #b3261e; font-weight: 600; }
table.index { border-collapse: collapse; } table.index td, table.index th { padding: 2px 10px; text-align: left; border-bottom: 1px solid #eee; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; } dl.facts dt { color: #666; } dl.facts dd { margin: 0; } dl.facts ol { margin: 0; padding-left: 20px; }
.who { color: #555; }
table.source { border-collapse: collapse; width: 100%; }
table.source td { vertical-align: top; padding: 0 8px; }
td.n { color: #999; text-align: right; user-select: none; width: 3em; }
td.src { white-space: pre-wrap; word-break: break-word; width: 60%; }
tr.read td.src { background: #eef6ff; } tr.doubted td.src { background: #fdecea; }
mark { border-radius: 3px; padding: 0 4px; font-size: 12px; display: inline-block; margin: 1px 0; }
mark[data-kind=event] { background: #d7ecff; } mark[data-kind=talk] { background: #d9f5d9; } mark[data-kind=speaker] { background: #fff1c2; }
mark[data-kind=resource] { background: #ead9ff; } mark[data-kind=project] { background: #e4e4e4; }
mark[data-kind=doubt], mark[data-kind=problem] { background: #f8c9c4; }
`;
