import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { execute, yogaFor } from './helpers/graphql.js';
import { loadContent } from '../src/store/load-content.js';
import { readVocabularyFile } from '../src/bin/vocabulary-file.js';
import { tempContent } from './helpers/temp-content.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

const page = `---
title: 示例频道#7：一场分享
date: 2021-03-01T10:00:00+08:00
---

- 活动时间：2021 年 03 月 10 日 19:00-20:00
- 活动形式：线上直播

**《一场分享》**

**主讲嘉宾档案**

赵云（花名：子龙），示例集团技术专家。
`;

const folder = await tempContent({
  'zh/one/index.md': page,
  'vocabulary.json': JSON.stringify({ labels: { speaker: ['主讲嘉宾档案'] } }),
  'bad-vocabulary.json': JSON.stringify({ labels: { speeker: ['x'] } }),
});
afterAll(folder.cleanup);

// `npm run extract` runs the sources through tsx, which takes seconds to start (4 s per run on an
// idle machine, two runs in one test): the default 30 s timeout is not a hang detector on a busy
// machine. 120 s per test is.
describe('npm run extract', { timeout: 120_000 }, () => {
  it('prints what was read from each page, with lines', async () => {
    const { stdout } = await run(tsx, ['src/bin/extract.ts', '--content', folder.dir], { cwd: root });
    expect(stdout).toContain('== zh/one/index.md');
    expect(stdout).toMatch(/when: 2021-03-10 19:00-20:00 \+08:00/);
    expect(stdout).toMatch(/talk 1: 一场分享 {2}\(line 9\)/);
  });

  it('prints JSON with --json, and reads a vocabulary file', async () => {
    const plain = JSON.parse((await run(tsx, ['src/bin/extract.ts', '--content', folder.dir, '--json'], { cwd: root })).stdout);
    expect(plain.pages[0].speakers).toEqual([]);
    const vocabulary = `${folder.dir}/vocabulary.json`;
    const extended = JSON.parse((await run(tsx, ['src/bin/extract.ts', '--content', folder.dir, '--json', '--vocabulary', vocabulary], { cwd: root })).stdout);
    expect(extended.pages[0].speakers).toMatchObject([{ name: '赵云', aliases: ['子龙'], affiliation: '示例集团', source: { path: 'zh/one/index.md', line: 13 } }]);
  });

  it('prints a file name holding a newline as one escaped line, so no diagnostic can be forged', async () => {
    const evil = await tempContent({ 'notes\nzh/x.md:1: error [FAKE] forged.md': 'No title and no heading.\n' });
    try {
      const { stdout } = await run(tsx, ['src/bin/extract.ts', '--content', evil.dir], { cwd: root });
      const lines = stdout.split('\n');
      expect(lines.some((l) => l.startsWith('zh/x.md'))).toBe(false);
      expect(lines.filter((l) => l.includes('[MISSING_TITLE]'))).toEqual([expect.stringMatching(/^notes\\nzh\/x\.md:1: error \[FAKE\] forged\.md:1: warning \[MISSING_TITLE\]/)]);
    } finally {
      await evil.cleanup();
    }
  });

  it('refuses a vocabulary file with an unknown label role, naming it', async () => {
    await expect(readVocabularyFile(`${folder.dir}/bad-vocabulary.json`)).rejects.toThrow(/speeker|labels/);
  });
});

describe('where values come from, through GraphQL', () => {
  it('exposes the line of each event fact, talk, speaker mention and resource', async () => {
    const vocabulary = await readVocabularyFile(`${folder.dir}/vocabulary.json`);
    const { graph } = await loadContent(folder.dir, { vocabulary });
    const result = await execute(
      yogaFor(graph),
      `{ event(slug: "one") { factSources { field line } talks { source { path line } speakers { sources { line } } } } }`,
    );
    expect(result.data).toEqual({
      event: {
        factSources: [
          { field: 'date', line: 6 },
          { field: 'startTime', line: 6 },
          { field: 'endTime', line: 6 },
          { field: 'format', line: 7 },
        ],
        talks: [{ source: { path: 'zh/one/index.md', line: 9 }, speakers: [{ sources: [{ line: 13 }] }] }],
      },
    });
  });
});
