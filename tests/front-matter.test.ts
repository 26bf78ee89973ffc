import { describe, expect, it, vi } from 'vitest';
import { readPage } from '../src/store/load-page.js';

const file = { sourcePath: 'zh/a/index.md', slug: 'a', language: 'zh', isSection: false };
const body = '\n## 概要\n\n- 活动时间：2021 年 07 月 24 日 13:30-17:30\n';

describe('front matter', () => {
  it('reads YAML and keeps the offset of the date', () => {
    const { record, diagnostics } = readPage(file, `---\ntitle: "Meetup"\ndate: 2021-07-20T10:00:00+08:00\ntags: SOFA\n---\n${body}`);
    expect(diagnostics).toEqual([]);
    expect(record?.event).toMatchObject({ title: 'Meetup', tags: ['SOFA'], utcOffset: '+08:00', date: '2021-07-24', startTime: '13:30' });
  });

  it('reads TOML front matter as Hugo writes it', () => {
    const { record, diagnostics } = readPage(file, `+++\ntitle = "TOML meetup"\ndate = 2021-07-20T10:00:00+09:00\ncategories = ["A", "B"]\n+++\n${body}`);
    expect(diagnostics).toEqual([]);
    expect(record?.event).toMatchObject({ title: 'TOML meetup', categories: ['A', 'B'], utcOffset: '+09:00' });
  });

  it('never evaluates JavaScript front matter', () => {
    const { record, diagnostics } = readPage(file, `---js\n{ title: (() => { throw new Error('ran') })() }\n---\n${body}`);
    expect(record).toBeNull();
    expect(diagnostics).toMatchObject([{ code: 'FRONT_MATTER_ENGINE', path: 'zh/a/index.md', line: 1 }]);
  });

  it('reads pages with Windows line endings like any other', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const yaml = readPage(file, crlf(`---\ntitle: Meetup\ndate: 2021-07-20\ntags: [a, b]\n---\n${body}`));
    expect(yaml.diagnostics).toEqual([]);
    expect(yaml.record?.event).toMatchObject({ title: 'Meetup', tags: ['a', 'b'] });
    const toml = readPage(file, crlf(`+++\ntitle = "TOML"\ncategories = ["A"]\n+++\n${body}`));
    expect(toml.diagnostics).toEqual([]);
    expect(toml.record?.event).toMatchObject({ title: 'TOML', categories: ['A'] });
  });

  it('skips a page whose YAML does not parse, naming the line', () => {
    const { record, diagnostics } = readPage(file, `---\ntitle: ok\ntags: [a, b\nfoo: 1\n---\n${body}`);
    expect(record).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', severity: 'ERROR', path: 'zh/a/index.md' });
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(3);
    expect(diagnostics[0]?.message).toMatch(/YAML/);
  });

  it('skips a page whose TOML does not parse, naming the line', () => {
    const { record, diagnostics } = readPage(file, `+++\ntitle = "x"\ndate = \n+++\n${body}`);
    expect(record).toBeNull();
    expect(diagnostics[0]).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 3 });
  });

  it('refuses a billion-laughs alias bomb at once, naming the line of its first alias', () => {
    const refs = (name: string, of: string) => `${name}: &${name} [${Array(10).fill(`*${of}`).join(',')}]`;
    const levels = Array.from({ length: 9 }, (_, i) => refs(`a${i + 1}`, `a${i}`));
    const yaml = ['title: 笑话', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...levels].join('\n');
    const { record, diagnostics } = readPage(file, `---\n${yaml}\n---\n${body}`);
    expect(record).toBeNull();
    expect(diagnostics).toMatchObject([{ code: 'FRONT_MATTER_SYNTAX', severity: 'ERROR', path: 'zh/a/index.md', line: 4 }]);
    // Work counted, not timed: this message comes only from the YAML reader's alias counter
    // stopping at its bound of 100 expansions (of the 10^10 the page asks for). A bound raised
    // fails here; a bound lifted expands without end and the test's timeout fails it.
    expect(diagnostics[0]?.message).toMatch(/alias bomb.*at most 100 expansions are read/);
  });

  it('reads a large anchor used many times', () => {
    const shared = Array.from({ length: 500 }, (_, i) => `  key${i}: value ${i}`).join('\n');
    const uses = Array.from({ length: 50 }, (_, i) => `copy${i}: *shared`).join('\n');
    const { record, diagnostics } = readPage(file, `---\ntitle: 锚点\nshared: &shared\n${shared}\n${uses}\ntags: &t [甲, 乙]\ncategories: *t\n---\n${body}`);
    expect(diagnostics).toEqual([]);
    expect(record?.event).toMatchObject({ title: '锚点', tags: ['甲', '乙'], categories: ['甲', '乙'] });
  });

  it('skips a page whose YAML is nested 10,000 deep, without crashing', () => {
    for (const nested of [`${'['.repeat(10000)}${']'.repeat(10000)}`, `${'{a: '.repeat(10000)}1${'}'.repeat(10000)}`, '['.repeat(10000)]) {
      const { record, diagnostics } = readPage(file, `---\ntitle: 深\ndeep: ${nested}\n---\n${body}`);
      expect(record).toBeNull();
      expect(diagnostics).toMatchObject([{ code: 'FRONT_MATTER_SYNTAX', line: 3 }]);
      expect(diagnostics[0]?.message).toMatch(/^YAML: /);
    }
  });

  it('reports a field of the wrong type by its path and serves the rest of the page', () => {
    const { record, diagnostics } = readPage(file, `---\ntitle: Meetup\ndate: 2021-07-20\ntags: 5\ntalks:\n  - speakers: [张三]\n---\n${body}`);
    expect(record?.event.title).toBe('Meetup');
    expect(record?.event.tags).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.field, d.line])).toEqual([
      ['FRONT_MATTER_FIELD', 'tags', 4],
      ['FRONT_MATTER_FIELD', 'talks.0.title', 5],
    ]);
  });

  it('reads a key given twice with its last value, naming the line, and serves the page', () => {
    const { record, diagnostics } = readPage(file, `---\ntitle: First draft\ndate: 2021-07-20\ntitle: Meetup\n---\n${body}`);
    expect(record?.event.title).toBe('Meetup');
    expect(diagnostics.map((d) => [d.code, d.field, d.line, d.severity])).toEqual([['FRONT_MATTER_DUPLICATE_KEY', 'title', 4, 'WARNING']]);
    expect(diagnostics[0]?.message).toMatch(/"title" is given more than once/);
  });

  it('reports a date that names no day, and serves the rest of the page', () => {
    for (const date of ['2021-13-45', '2021-02-30']) {
      const { record, diagnostics } = readPage(file, `---\ntitle: Meetup\ndate: ${date}\n---\n${body}`);
      expect(record?.event.title).toBe('Meetup');
      expect(record?.event.published).toBeNull();
      expect(diagnostics.map((d) => [d.code, d.field, d.line])).toEqual([['FRONT_MATTER_FIELD', 'date', 3]]);
      expect(diagnostics[0]?.message).toMatch(/no such day/);
    }
  });

  it('points at the line of a quoted or JSON field of the wrong type', () => {
    const yaml = readPage(file, `---\ntitle: Meetup\n"tags": 5\n---\n${body}`);
    expect(yaml.diagnostics.map((d) => [d.code, d.field, d.line])).toEqual([['FRONT_MATTER_FIELD', 'tags', 3]]);
    const json = readPage(file, `---json\n{\n  "title": "Meetup",\n  "tags": 5\n}\n---\n${body}`);
    expect(json.diagnostics.map((d) => [d.code, d.field, d.line])).toEqual([['FRONT_MATTER_FIELD', 'tags', 4]]);
    const flow = readPage(file, `---\n{title: Meetup, tags: 5}\n---\n${body}`);
    expect(flow.diagnostics.map((d) => [d.code, d.field, d.line])).toEqual([['FRONT_MATTER_FIELD', 'tags', 2]]);
  });

  it('lets explicit talks in front matter win over what the body implies', () => {
    const text = `---
title: Meetup
date: 2021-07-20T10:00:00+08:00
talks:
  - title: 声明的议题
    speakers:
      - name: 张三
        aliases: [阿三]
        affiliation: 示例公司
    startTime: "14:00"
    slides: https://example.com/deck.pdf
    projects: [https://github.com/acme/widget]
---

## 概要

- 活动时间：2021 年 07 月 24 日 13:30-17:30

**《正文里的议题》**

**嘉宾介绍**

李四，某某集团工程师。
`;
    const { record } = readPage(file, text);
    expect(record?.talks.map((t) => t.title)).toEqual(['声明的议题']);
    expect(record?.speakers).toMatchObject([{ name: '张三', aliases: ['阿三'], affiliation: '示例公司' }]);
    expect(record?.talks[0]?.startTime).toBe('14:00');
    expect(record?.resources).toMatchObject([{ url: 'https://example.com/deck.pdf', kind: 'SLIDES', talk: 0 }]);
    expect(record?.projects).toMatchObject([{ slug: 'acme/widget', talks: [0] }]);
  });

  it('fills a declared talk from the body section of the same title', () => {
    const text = `---\ntitle: Meetup\ntalks:\n  - title: 服务网格实践\n---\n\n**《服务网格实践》**\n\n**嘉宾介绍**\n\n王五（花名小五），示例集团技术专家。\n\n**议题简介**\n\n讲讲网格。\n`;
    const { record } = readPage(file, text);
    expect(record?.talks[0]).toMatchObject({ title: '服务网格实践', abstract: '讲讲网格。' });
    expect(record?.speakers).toMatchObject([{ name: '王五', aliases: ['小五'], affiliation: '示例集团' }]);
  });

  it('collects resources and projects of declared talks by the same rules as the body: declared first, body links following their talk', () => {
    const text = `---
title: Meetup
talks:
  - title: 第二个议题
    slides: { url: https://example.com/shared.pdf, title: 声明的幻灯片 }
  - title: 第一个议题
---

**《第一个议题》**

**资料下载**

[幻灯片](https://example.com/shared.pdf) [另一份](https://example.com/first.pdf)

项目：https://github.com/acme/first

**《第二个议题》**

项目：https://github.com/acme/second
`;
    const { record } = readPage(file, text);
    expect(record?.talks.map((t) => t.title)).toEqual(['第二个议题', '第一个议题']);
    // A link both give keeps the front matter's title and talk; the body's other deck follows its talk to index 1.
    expect(record?.resources.map((r) => [r.url, r.title, r.talk])).toEqual([
      ['https://example.com/shared.pdf', '声明的幻灯片', 0],
      ['https://example.com/first.pdf', null, 1],
    ]);
    expect(record?.projects.map((p) => [p.slug, p.talks])).toEqual([
      ['acme/first', [1]],
      ['acme/second', [0]],
    ]);
  });

  it('gives a single declared talk the links the body ties to no talk, as a page with one talk in its body', () => {
    const text = `---\ntitle: Meetup\ntalks:\n  - title: 唯一的议题\n---\n\n- 直播回放：[回放](https://video.example.com/replay)\n`;
    const { record } = readPage(file, text);
    expect(record?.resources.map((r) => [r.url, r.kind, r.talk])).toEqual([['https://video.example.com/replay', 'VIDEO', 0]]);
  });

  it('flags binary files instead of reading them', () => {
    const { record, diagnostics } = readPage(file, 'abc\u0000\u0001def');
    expect(record).toBeNull();
    expect(diagnostics[0]).toMatchObject({ code: 'UNREADABLE_FILE', line: 1 });
  });

  it('keeps what the YAML reader would warn about out of the process warnings (and so the server log)', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      const { record } = readPage(file, `---\ntitle: Meetup\nextra:\n  ? [1, 2]\n  : x\n---\n${body}`);
      expect(record?.event).toMatchObject({ title: 'Meetup' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
