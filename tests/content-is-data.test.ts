import { afterAll, describe, expect, it } from 'vitest';
import { execute, yogaForFolder } from './helpers/graphql.js';
import { tempContent } from './helpers/temp-content.js';

// Each place a page can put markup that the API returns as HTML, all of it hostile.
const hostile = '恶意标记 <script>alert(1)</script><img src=x onerror=alert(2)> [点我](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)">链接</a> <iframe src="https://evil.example/"></iframe>';
const page = `---
title: 标记测试
date: 2021-07-20T10:00:00+08:00
talks:
  - title: 议题甲
    abstract: '${hostile}'
    takeaways: '${hostile}'
    speakers:
      - name: 张三
        bio: '${hostile}'
---

${hostile}
`;

const folder = await tempContent({
  'zh/markup/index.md': page,
  'zh/code-js/index.md': '---js\n(globalThis.__frontMatterRan = "js", { title: "ran" })\n---\n正文\n',
  'zh/code-javascript/index.md': '---javascript\nmodule.exports = { title: (globalThis.__frontMatterRan = "javascript") }\n---\n正文\n',
});
afterAll(folder.cleanup);
const { yoga } = await yogaForFolder(folder.dir);

/** What makes HTML run code or load a frame, in any case. */
const ACTIVE = /<script|<iframe|\son\w+\s*=|javascript:/i;

describe('content is data, never code', () => {
  it('does not evaluate ---js or ---javascript front matter, and reports both pages', async () => {
    expect((globalThis as Record<string, unknown>).__frontMatterRan).toBeUndefined();
    const r = await execute<{ diagnostics: { code: string; path: string; line: number | null }[]; events: { edges: { node: { title: string } }[] } }>(
      yoga,
      '{ diagnostics { code path line } events { edges { node { title } } } }',
    );
    expect(r.data?.diagnostics).toEqual([
      { code: 'FRONT_MATTER_ENGINE', path: 'zh/code-javascript/index.md', line: 1 },
      { code: 'FRONT_MATTER_ENGINE', path: 'zh/code-js/index.md', line: 1 },
    ]);
    expect(r.data?.events.edges.map((e) => e.node.title)).toEqual(['标记测试']);
  });

  it('sanitises raw HTML in every field offered as HTML', async () => {
    const r = await execute<{
      event: { body: string; talks: { abstract: string; takeaways: string; speakers: { bio: string }[] }[] };
    }>(yoga, '{ event(slug: "markup") { body(format: HTML) talks { abstract(format: HTML) takeaways(format: HTML) speakers { bio(format: HTML) } } } }');
    const talk = r.data?.event.talks[0];
    const fields = { body: r.data?.event.body, abstract: talk?.abstract, takeaways: talk?.takeaways, bio: talk?.speakers[0]?.bio };
    for (const [name, html] of Object.entries(fields)) {
      expect(html, name).toContain('恶意标记');
      expect(html, name).toContain('<a>点我</a>');
      expect(html, name).not.toMatch(ACTIVE);
    }
  });

  it('escapes page markup in search snippets', async () => {
    const r = await execute<{ search: { edges: { node: { snippet: string } }[] } }>(yoga, '{ search(query: "恶意标记") { edges { node { snippet } } } }');
    const snippets = r.data?.search.edges.map((e) => e.node.snippet) ?? [];
    expect(snippets.length).toBeGreaterThan(0);
    for (const snippet of snippets) {
      expect(snippet).toContain('<mark>');
      expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/</);
    }
  });
});
