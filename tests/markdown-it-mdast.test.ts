import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../src/content/front-matter.js';
import { checkMarkdownLimits } from '../src/content/markdown-limits.js';
import { needsRemark, parseWithMarkdownIt } from '../src/content/markdown-it-mdast.js';
import { parseWithRemark } from '../src/content/markdown.js';
import { ordinaryBody, page } from './helpers/page-arbitraries.js';
import { sharedDir } from './helpers/shared.js';

/**
 * Pages are read with markdown-it, converted to mdast (src/content/markdown-it-mdast.ts); this
 * checks that extraction sees the tree remark would have given. Both trees are projected to what
 * extraction reads (src/extract/**), and nothing else:
 * - node types and nesting, with adjacent text nodes merged (textOf joins them; a run of text is
 *   blank or not whatever its split, which is all emphasisOnlyText asks);
 * - text of text / inlineCode / code / html nodes, heading depth, link urls;
 * - start and end lines of blocks (lineOf, schedule-lines' span), the start line of links and
 *   inline html (linksIn), the start line of table rows (agenda-table);
 * - for top-level blocks and the items of top-level lists, the first and last non-blank source
 *   character of the node: sourceOf slices the body between them and trims the slice.
 * Dropped, as nothing in extraction reads them: list ordered/start/spread, listItem spread,
 * table align, image url/alt/title (images are neither text nor links there), link titles,
 * code lang/meta, columns, offsets of nested blocks and of inline nodes.
 */
type Projected = { t: string; v?: string; d?: number; url?: string; line?: number; end?: number; from?: number; to?: number; c?: Projected[] };

const BLOCKS = new Set(['paragraph', 'heading', 'list', 'listItem', 'blockquote', 'code', 'html', 'table', 'tableRow', 'thematicBreak']);

function project(body: string, tree: Root): Projected[] {
  const visit = (node: Nodes, inline: boolean, quoted: boolean): Projected => {
    const p: Projected = { t: node.type };
    if ('value' in node) p.v = node.value;
    if (node.type === 'heading') p.d = node.depth;
    if (node.type === 'link') p.url = node.url;
    const block = !inline && BLOCKS.has(node.type);
    if (block || node.type === 'link' || node.type === 'html' || node.type === 'tableRow') p.line = node.position?.start.line;
    if (block) p.end = node.position?.end.line;
    if (quoted && node.position) {
      p.from = firstInk(body, node.position.start.offset ?? 0);
      p.to = lastInk(body, node.position.end.offset ?? 0);
    }
    if ('children' in node) {
      const childInline = inline || node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell';
      const children: Projected[] = [];
      for (const child of node.children) {
        const c = visit(child, childInline, node.type === 'list' && quoted);
        const last = children[children.length - 1];
        if (c.t === 'text' && last?.t === 'text') last.v = (last.v ?? '') + (c.v ?? '');
        else children.push(c);
      }
      p.c = children;
    }
    return p;
  };
  return tree.children.map((n) => visit(n, false, true));
}

function firstInk(body: string, from: number): number {
  let i = from;
  while (i < body.length && /\s/u.test(body[i] ?? '')) i++;
  return i;
}

function lastInk(body: string, to: number): number {
  let i = to;
  while (i > 0 && /\s/u.test(body[i - 1] ?? '')) i--;
  return i;
}

/** The body a page's parser sees, or null when the page is refused before parsing. */
function bodyOf(text: string): string | null {
  let body = text;
  try {
    body = splitFrontMatter(text).body;
  } catch {
    // Not a page with front matter: compare the whole text as a body.
  }
  return checkMarkdownLimits(body) ? null : body;
}

/** Compares both trees of a body the fast path reads; false when the body goes to remark anyway. */
function expectSameTree(body: string, name: string): boolean {
  const fast = needsRemark(body) ? null : parseWithMarkdownIt(body);
  // Compared as JSON: a difference deep in nested lists is still shown.
  if (fast) expect(JSON.stringify(project(body, fast), null, 1), name).toBe(JSON.stringify(project(body, parseWithRemark(body)), null, 1));
  return fast !== null;
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (/\.(md|markdown)$/u.test(entry)) out.push(path);
  }
  return out;
}

const corpus = join(sharedDir, 'corpus');
const corpusPages = (() => {
  try {
    return markdownFiles(corpus);
  } catch {
    return [];
  }
})();
const fixturePages = markdownFiles(new URL('./fixtures', import.meta.url).pathname);

describe('markdown-it converted to mdast reads as remark for extraction', () => {
  it.skipIf(corpusPages.length === 0)('every corpus page', () => {
    let compared = 0;
    for (const file of corpusPages) {
      const body = bodyOf(readFileSync(file, 'utf8'));
      if (body !== null && expectSameTree(body, file)) compared++;
    }
    // Most pages take the fast path, else the fallback has grown too wide.
    expect(compared).toBeGreaterThan(corpusPages.length * 0.8);
  });

  it('every fixture page', () => {
    expect(fixturePages.length).toBeGreaterThan(0);
    for (const file of fixturePages) {
      const body = bodyOf(readFileSync(file, 'utf8'));
      if (body !== null) expectSameTree(body, file);
    }
  });

  it('generated pages and bodies', () => {
    let compared = 0;
    fc.assert(
      fc.property(page, (p) => {
        const text = typeof p.content === 'string' ? p.content : Buffer.from(p.content).toString('utf8');
        const body = bodyOf(text);
        if (body !== null && expectSameTree(body, p.recipe)) compared++;
      }),
      { seed: 20260601, numRuns: 600 },
    );
    fc.assert(
      fc.property(ordinaryBody, (body) => {
        if (expectSameTree(body, 'ordinary body')) compared++;
      }),
      { seed: 20260601, numRuns: 600 },
    );
    expect(compared).toBeGreaterThan(400);
    // A hang detector, not a budget: remark takes ~15 ms a generated page on an idle machine.
  }, 300_000);

  it('sends what only remark reads to remark', () => {
    expect(needsRemark('a ~b~ c')).toBe(true);
    expect(needsRemark('a[^1]\n\n[^1]: note')).toBe(true);
    expect(needsRemark('[a][b]\n\n[b]: https://example.com')).toBe(true);
    expect(needsRemark('- [ ] todo')).toBe(true);
    expect(needsRemark('a\r\nb')).toBe(true);
    expect(needsRemark('# Title\n\n- [link](https://example.com)\n')).toBe(false);
  });
});
