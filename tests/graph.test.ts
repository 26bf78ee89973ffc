import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/store/load-content.js';
import { readPage } from '../src/store/load-page.js';
import { buildGraph } from '../src/graph/graph-builder.js';
import type { PageRecord } from '../src/model/records.js';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));

describe('the graph over the sample content', async () => {
  const { graph } = await loadContent(contentDir);

  it('has one Speaker per person across meetups, whatever form of the 花名 pages use', () => {
    const liWei = graph.speakers.get('李唯');
    expect(liWei).toMatchObject({ name: '李唯', aliases: ['良恩'], affiliation: '蚂蚁集团' });
    expect(liWei?.eventIds).toEqual(['zh/sofa-meetup-9-shanghai', 'zh/sofa-meetup-7-hefei']);
    expect(liWei?.talkIds.map((id) => graph.talks.get(id)?.title)).toEqual(['MOSN 在云原生网关场景下的演进', 'Service Mesh 在蚂蚁集团的实践']);
  });

  it('has one Project per repository slug, with every talk that links it', () => {
    const registry = graph.projects.get('sofastack/sofa-registry');
    expect(registry?.eventIds).toHaveLength(3);
    expect(registry?.talkIds.map((id) => graph.talks.get(id)?.eventId)).toEqual([
      'zh/sofa-meetup-9-shanghai',
      'zh/sofa-channel-21',
      'zh/sofa-meetup-7-hefei',
    ]);
  });

  it('keeps the zh and en pages of one meetup as two events, and leaves section pages out', () => {
    expect(graph.eventsBySlug.get('sofa-meetup-7-hefei')).toEqual(['en/sofa-meetup-7-hefei', 'zh/sofa-meetup-7-hefei']);
    expect([...graph.events.values()].map((e) => e.sourcePath)).not.toContain('zh/activities/_index.md');
  });

  it('orders events newest first', () => {
    expect(graph.eventOrder[0]).toBe('zh/sofa-meetup-9-shanghai');
  });
});

function page(path: string, slug: string, text: string): PageRecord {
  const { record } = readPage({ sourcePath: path, slug, language: 'zh', isSection: false }, text);
  if (!record) throw new Error(`${path} did not load`);
  return record;
}

const talkPage = (title: string, intro: string) =>
  `---\ntitle: ${title}\ndate: 2021-01-01T10:00:00+08:00\n---\n\n**《${title} 的议题》**\n\n**嘉宾介绍**\n\n${intro}\n`;

describe('buildGraph', () => {
  it('joins a person named by 花名 on one page and by legal name with that 花名 on another', () => {
    const a = page('zh/a/index.md', 'a', talkPage('A', '贾岛，示例集团工程师。'));
    const b = page('zh/b/index.md', 'b', talkPage('B', '靳文祥（花名贾岛），示例集团工程师。'));
    const graph = buildGraph([a, b]);
    expect([...graph.speakers.values()].map((s) => ({ name: s.name, aliases: s.aliases, talks: s.talkIds.length }))).toEqual([
      { name: '靳文祥', aliases: ['贾岛'], talks: 2 },
    ]);
  });

  it('derives ids from content, not from load order', () => {
    const a = page('zh/a/index.md', 'a', talkPage('A', '张三，示例集团工程师。'));
    const b = page('zh/b/index.md', 'b', talkPage('B', '张三，示例集团工程师。'));
    const forward = buildGraph([a, b]);
    const backward = buildGraph([b, a]);
    expect([...backward.talks.keys()].sort()).toEqual([...forward.talks.keys()].sort());
    expect([...backward.speakers.keys()]).toEqual([...forward.speakers.keys()]);
    expect(backward.eventOrder).toEqual(forward.eventOrder);
  });

  it('gives a slug clash within one language a deterministic suffix and a diagnostic', () => {
    const first = page('zh/2020/meetup/index.md', 'meetup', talkPage('A', '张三，示例集团工程师。'));
    const second = page('zh/2021/meetup/index.md', 'meetup', talkPage('B', '李四，示例集团工程师。'));
    const graph = buildGraph([first, second]);
    expect([...graph.events.values()].map((e) => [e.sourcePath, e.slug])).toEqual([
      ['zh/2020/meetup/index.md', 'meetup'],
      ['zh/2021/meetup/index.md', 'meetup-2'],
    ]);
    expect(graph.diagnostics).toMatchObject([{ code: 'DUPLICATE_SLUG', path: 'zh/2021/meetup/index.md', line: 1 }]);
  });
});

describe('dated posts', () => {
  const post = (path: string, slug: string, text: string) => {
    const { record, diagnostics } = readPage({ sourcePath: path, slug, language: null, isSection: false }, text);
    if (!record) throw new Error(`${path} did not load`);
    return { record, diagnostics };
  };

  it('share a name without a diagnostic: each is served under its date, whatever order they come in', () => {
    const a = post('_posts/2011-10-26-november-meetup.md', 'november-meetup', '# November meetup\n\nTalks and pizza.\n').record;
    const b = post('_posts/2019-11-21-november-meetup.md', 'november-meetup', '# November meetup again\n\nMore talks.\n').record;
    const graph = buildGraph([a, b]);
    expect([...graph.events.values()].map((e) => [e.slug, e.title, e.published])).toEqual([
      ['november-meetup-2011-10-26', 'November meetup', '2011-10-26'],
      ['november-meetup-2019-11-21', 'November meetup again', '2019-11-21'],
    ]);
    expect(graph.diagnostics).toEqual([]);
    expect([...buildGraph([b, a]).events.values()].map((e) => e.slug).sort()).toEqual(['november-meetup-2011-10-26', 'november-meetup-2019-11-21']);
  });

  it('without front matter are titled by their first heading, and only a page with neither is untitled', () => {
    const titled = post('_posts/2012-01-11-january.md', 'january', 'Intro line.\n\n## January meetup at the library\n\nBody.\n');
    expect(titled.record.event.title).toBe('January meetup at the library');
    expect(titled.diagnostics).toEqual([]);
    const untitled = post('_posts/2012-02-11-february.md', 'february', 'Only a paragraph.\n');
    expect(untitled.record.event.title).toBe('february');
    expect(untitled.diagnostics).toMatchObject([{ code: 'MISSING_TITLE', line: 1 }]);
  });

  it('keep the local time of the city they name, in its summer or winter offset', () => {
    const at = (path: string, date: string) =>
      post(path, 'x', `---\ntitle: Meetup\ntype: meetup\nlocation: Havnegade 12, 1058 Copenhagen K\ndate: ${date}\n---\n\nTalks.\n`).record;
    const graph = buildGraph([at('_posts/2019-07-18-july.md', '2019-07-18T17:30:00'), at('_posts/2019-11-21-november.md', '2019-11-21T17:30:00')]);
    expect([...graph.events.values()].map((e) => [e.city, e.startsAt])).toEqual([
      ['Copenhagen', '2019-07-18T17:30:00+02:00'],
      ['Copenhagen', '2019-11-21T17:30:00+01:00'],
    ]);
  });

  it('read a body time in the zone of the city, else of --timezone, not in the UTC of a publication timestamp', () => {
    const text = (city: string) => `---\ntitle: 第九期\ndate: 2019-05-08T10:20:00.000Z\n---\n\n活动时间：5 月 8 日晚 7 点\n\n${city}\n`;
    const read = (body: string, timezone: string | null) => {
      const { record } = readPage({ sourcePath: 'zh/nine/index.md', slug: 'nine', language: 'zh', isSection: false }, body, { timezone });
      if (!record) throw new Error('did not load');
      return buildGraph([record]).events.values().next().value?.startsAt;
    };
    expect(read(text('活动地点：北京市海淀区示例路 1 号'), null)).toBe('2019-05-08T19:00:00+08:00');
    expect(read(text('线上直播'), 'Asia/Shanghai')).toBe('2019-05-08T19:00:00+08:00');
    expect(read(text('线上直播'), null)).toBe('2019-05-08T19:00:00+00:00');
  });
});
