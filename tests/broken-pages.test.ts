import { afterAll, describe, expect, it } from 'vitest';
import { execute, yogaForFolder } from './helpers/graphql.js';
import { tempContent } from './helpers/temp-content.js';

const good = (title: string) => `---\ntitle: ${title}\ndate: 2021-07-20T10:00:00+08:00\n---\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n`;

const folder = await tempContent({
  'zh/good-one/index.md': good('好的一页'),
  'zh/bad-yaml/index.md': '---\ntitle: "unclosed\ndate: 2021-01-01\n---\nbody\n',
  'zh/bad-toml/index.md': '+++\ntitle = \n+++\nbody\n',
  'zh/binary/index.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
  // 195 KB of bytes that are not UTF-8 and hold no NUL: decoded, each is a three-byte U+FFFD.
  'zh/random/index.md': Buffer.alloc(195 * 1024, Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x41])),
  'zh/js-front-matter/index.md': '---js\n{ title: "x" }\n---\nbody\n',
  'zh/wrong-field/index.md': '---\ntitle: 字段有误\ntags: 42\n---\n\n- 活动地点：某地\n',
  'zh/good-two/index.md': good('另一页'),
});
afterAll(folder.cleanup);
const { yoga } = await yogaForFolder(folder.dir);

describe('broken pages', () => {
  it('are skipped while every other page is served', async () => {
    const result = await execute<{ events: { edges: { node: { title: string } }[] } }>(yoga, `{ events { edges { node { title } } } }`);
    expect(result.data?.events.edges.map((e) => e.node.title).sort()).toEqual(['另一页', '好的一页', '字段有误'].sort());
  });

  it('are reported through Query.diagnostics with file, line and problem', async () => {
    const result = await execute<{ diagnostics: { code: string; severity: string; path: string; line: number | null; field: string | null; message: string }[] }>(
      yoga,
      `{ diagnostics { code severity path line field message } }`,
    );
    const byPath = Object.fromEntries((result.data?.diagnostics ?? []).map((d) => [d.path, d]));
    expect(Object.keys(byPath).sort()).toEqual(['zh/bad-toml/index.md', 'zh/bad-yaml/index.md', 'zh/binary/index.md', 'zh/js-front-matter/index.md', 'zh/random/index.md', 'zh/wrong-field/index.md']);
    expect(byPath['zh/bad-yaml/index.md']).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', severity: 'ERROR' });
    expect(byPath['zh/bad-yaml/index.md']?.line).toBeGreaterThan(1);
    expect(byPath['zh/bad-toml/index.md']).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 2 });
    expect(byPath['zh/binary/index.md']).toMatchObject({ code: 'UNREADABLE_FILE', line: 1 });
    // Reported as binary, not as larger than the 256 KiB it is not.
    expect(byPath['zh/random/index.md']).toMatchObject({ code: 'UNREADABLE_FILE', message: expect.stringMatching(/binary/) });
    expect(byPath['zh/js-front-matter/index.md']).toMatchObject({ code: 'FRONT_MATTER_ENGINE' });
    expect(byPath['zh/wrong-field/index.md']).toMatchObject({ code: 'FRONT_MATTER_FIELD', severity: 'WARNING', field: 'tags', line: 3 });
    for (const d of result.data?.diagnostics ?? []) expect(d.message.length).toBeGreaterThan(10);
  });
});
