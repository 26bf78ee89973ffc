import { describe, expect, it } from 'vitest';
import { readPage } from '../src/store/load-page.js';
import type { PageRecord } from '../src/model/records.js';
import { readSeedPage } from './helpers/shared.js';

/** The seed page must come out exactly: every talk, person, alias, deck, project and fact. */
function extractSeed(): PageRecord {
  const loaded = readPage(
    { sourcePath: 'zh/activities/seed/index.md', slug: 'seed', language: 'zh', isSection: false },
    readSeedPage(),
  );
  expect(loaded.diagnostics).toEqual([]);
  if (!loaded.record) throw new Error('seed page was not extracted');
  return loaded.record;
}

const SLIDES = 'https://gw.alipayobjects.com/os/bmw-prod/';

describe('the seed page', () => {
  const page = extractSeed();

  it('reads the event facts from the 概要 list, in the front matter offset', () => {
    expect(page.event).toMatchObject({
      title: 'SOFAStack Meetup#7 合肥站-SOFA 微服务架构技术生态与实践',
      date: '2021-07-24',
      startTime: '13:30',
      endTime: '17:30',
      utcOffset: '+08:00',
      city: '合肥',
      venue: '合肥高新区创新产业园D8栋一楼集思空间',
      format: 'OFFLINE',
      tags: ['SOFAMeetup'],
      categories: ['SOFAMeetup'],
    });
  });

  it('finds the five talks with their speakers in page order', () => {
    const talks = page.talks.map((t) => ({ title: t.title, speakers: t.speakers.map((i) => page.speakers[i]?.name) }));
    expect(talks).toEqual([
      { title: '蚂蚁注册中心 SOFARegistry 分享', speakers: ['祝辰'] },
      { title: '基于API 网关的微服务治理演进与架构实践', speakers: ['王晔倞'] },
      { title: '蚂蚁集团分布式链路组件 SOFATracer 原理与实践', speakers: ['郑志雄'] },
      { title: '准实时的日志聚合平台', speakers: ['吕思泉'] },
      { title: 'Service Mesh 在蚂蚁集团的实践', speakers: ['李唯'] },
    ]);
  });

  it('reads each speaker with 花名 and affiliation', () => {
    expect(page.speakers.map(({ name, aliases, affiliation }) => ({ name, aliases, affiliation }))).toEqual([
      { name: '祝辰', aliases: ['忘禅'], affiliation: '蚂蚁集团' },
      { name: '王晔倞', aliases: [], affiliation: 'API7' },
      { name: '郑志雄', aliases: ['纶珥'], affiliation: '蚂蚁集团' },
      { name: '吕思泉', aliases: [], affiliation: '思科' },
      { name: '李唯', aliases: ['良恩'], affiliation: '蚂蚁集团' },
    ]);
    expect(page.speakers[0]?.bio).toMatch(/^祝辰（花名忘禅），蚂蚁集团技术专家/);
  });

  it('ties each deck under 资料下载 to the talk its link text names', () => {
    const decks = page.resources.map((r) => ({ url: r.url, kind: r.kind, talk: r.talk === null ? null : page.talks[r.talk]?.title }));
    expect(decks).toEqual([
      { url: `${SLIDES}7b73191a-0057-4f57-9570-fed0929b75d1.pdf`, kind: 'SLIDES', talk: '蚂蚁注册中心 SOFARegistry 分享' },
      { url: `${SLIDES}7f7c9a04-d5c9-487e-af1e-c746e896e5c7.pdf`, kind: 'SLIDES', talk: '基于API 网关的微服务治理演进与架构实践' },
      { url: `${SLIDES}a2186772-3ebc-42cb-8479-7d60ae5d8b67.pdf`, kind: 'SLIDES', talk: '蚂蚁集团分布式链路组件 SOFATracer 原理与实践' },
      { url: `${SLIDES}bc982c91-4706-4cc0-858c-2ea5c204b3ab.pdf`, kind: 'SLIDES', talk: '准实时的日志聚合平台' },
      { url: `${SLIDES}e2a493d2-911f-4cd0-8204-1a00e374c6b0.pdf`, kind: 'SLIDES', talk: 'Service Mesh 在蚂蚁集团的实践' },
    ]);
  });

  it('reads project links once per repository, tied to the talks whose section holds them', () => {
    const projects = page.projects.map((p) => ({ slug: p.slug, talks: p.talks.map((i) => page.talks[i]?.title) }));
    expect(projects).toEqual([
      { slug: 'sofastack/sofa-registry', talks: ['蚂蚁注册中心 SOFARegistry 分享'] },
      { slug: 'sofastack/sofa-tracer', talks: ['蚂蚁集团分布式链路组件 SOFATracer 原理与实践'] },
      { slug: 'mosn/mosn', talks: ['Service Mesh 在蚂蚁集团的实践'] },
    ]);
  });

  it('keeps abstracts and takeaways as the page writes them, and the line each talk starts on', () => {
    const first = page.talks[0];
    expect(first?.abstract).toMatch(/^大规模微服务场景下的注册中心/);
    expect(first?.takeaways).toBe('1、全面了解不同注册中心的设计及架构；\n\n2、深入了解千万级别微服务场景下服务发现的问题和解法。');
    expect(first?.source).toEqual({ path: 'zh/activities/seed/index.md', line: 54 });
  });
});
