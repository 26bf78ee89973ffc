import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/store/load-content.js';
import { createMeetupYoga } from '../src/server/yoga.js';
import { execute } from './helpers/graphql.js';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const { graph } = await loadContent(contentDir);
// A fixed "now" between the Hefei meetup (July 2021) and the Shanghai one (November 2021).
const yoga = createMeetupYoga({ current: () => graph }, { now: () => new Date('2021-10-01T00:00:00Z') });

type Slugs = { events: { totalCount: number; edges: { node: { slug: string; language: string } }[] } };
const slugs = async (filter: string, orderBy = 'DATE_DESC') => {
  const r = await execute<Slugs>(yoga, `{ events(filter: ${filter}, orderBy: ${orderBy}) { totalCount edges { node { slug language } } } }`);
  expect(r.errors).toBeUndefined();
  return r.data?.events.edges.map((e) => `${e.node.language}/${e.node.slug}`);
};

describe('event filters', () => {
  it('by year, date range, upcoming and past', async () => {
    expect(await slugs('{ year: 2021, language: "zh" }')).toEqual(['zh/sofa-meetup-9-shanghai', 'zh/sofa-channel-21', 'zh/sofa-meetup-7-hefei']);
    expect(await slugs('{ from: "2021-08-01", to: "2021-10-31" }')).toEqual(['zh/sofa-channel-21']);
    expect(await slugs('{ timing: UPCOMING }')).toEqual(['zh/sofa-meetup-9-shanghai']);
    expect(await slugs('{ timing: PAST, language: "zh" }', 'DATE_ASC')).toEqual(['zh/sofa-meetup-7-hefei', 'zh/sofa-channel-21']);
  });

  it('by city, format, tag, category and series in any spelling', async () => {
    expect(await slugs('{ city: "上海" }')).toEqual(['zh/sofa-meetup-9-shanghai']);
    expect(await slugs('{ format: ONLINE }')).toEqual(['zh/sofa-channel-21']);
    expect(await slugs('{ tag: "sofaregistry" }')).toEqual(['zh/sofa-channel-21']);
    expect(await slugs('{ category: "SOFAChannel" }')).toEqual(['zh/sofa-channel-21']);
    expect(await slugs('{ series: "sofa meetup", language: "zh" }')).toEqual(['zh/sofa-meetup-9-shanghai', 'zh/sofa-meetup-7-hefei']);
  });

  it('by project and orders by title', async () => {
    expect(await slugs('{ project: "MOSN/mosn" }')).toEqual(['zh/sofa-meetup-9-shanghai', 'zh/sofa-meetup-7-hefei']);
    expect(await slugs('{ language: "zh" }', 'TITLE_ASC')).toEqual(['zh/sofa-channel-21', 'zh/sofa-meetup-7-hefei', 'zh/sofa-meetup-9-shanghai']);
  });

  it('gives series and edition on events', async () => {
    const r = await execute(yoga, `{ event(slug: "sofa-meetup-7-hefei", language: "zh") { series edition } other: event(slug: "sofa-channel-21") { series edition } }`);
    expect(r.data).toEqual({ event: { series: 'SOFAMeetup', edition: 7 }, other: { series: 'SOFAChannel', edition: 21 } });
  });
});

describe('talks, speakers and projects', () => {
  it('filters talks by speaker, project, year and slides', async () => {
    const ids = await execute<{ speakers: { edges: { node: { id: string } }[] } }>(yoga, `{ speakers(filter: { namePrefix: "李" }) { edges { node { id } } } }`);
    const liWei = ids.data?.speakers.edges[0]?.node.id;
    const r = await execute(
      yoga,
      `query($s: ID!) {
        bySpeaker: talks(filter: { speaker: $s }) { totalCount edges { node { title } } }
        byProject: talks(filter: { project: "sofastack/sofa-registry", year: 2021 }) { totalCount }
        withSlides: talks(filter: { hasSlides: true }) { totalCount }
        withVideo: talks(filter: { hasVideo: true }) { totalCount }
        all: talks { totalCount }
        emptyProject: talks(filter: { project: "" }) { totalCount }
        eventsOfEmptyProject: events(filter: { project: "" }) { totalCount }
        allEvents: events { totalCount }
      }`,
      { s: liWei },
    );
    expect(r.data).toEqual({
      bySpeaker: { totalCount: 2, edges: [{ node: { title: 'MOSN 在云原生网关场景下的演进' } }, { node: { title: 'Service Mesh 在蚂蚁集团的实践' } }] },
      byProject: { totalCount: 3 },
      withSlides: { totalCount: 9 },
      withVideo: { totalCount: 0 },
      // An empty project filters nothing, for talks as for events.
      all: { totalCount: 9 },
      emptyProject: { totalCount: 9 },
      eventsOfEmptyProject: { totalCount: 4 },
      allEvents: { totalCount: 4 },
    });
  });

  it('filters speakers by name prefix (or alias), affiliation and talk count, and orders them', async () => {
    const r = await execute(
      yoga,
      `{
        alias: speakers(filter: { namePrefix: "忘" }) { edges { node { name } } }
        org: speakers(filter: { affiliation: "API7" }) { edges { node { name } } }
        busy: speakers(filter: { minTalks: 2 }, orderBy: TALK_COUNT) { edges { node { name talkCount } } }
      }`,
    );
    expect(r.data).toEqual({
      alias: { edges: [{ node: { name: '祝辰' } }] },
      org: { edges: [{ node: { name: '王晔倞' } }] },
      busy: { edges: [{ node: { name: '李唯', talkCount: 2 } }, { node: { name: '祝辰', talkCount: 2 } }] },
    });
  });

  it('orders projects by talk count', async () => {
    const r = await execute(yoga, `{ projects(orderBy: TALK_COUNT, first: 2) { totalCount edges { node { slug talkCount } } } }`);
    expect(r.data).toEqual({
      projects: { totalCount: 3, edges: [{ node: { slug: 'sofastack/sofa-registry', talkCount: 3 } }, { node: { slug: 'mosn/mosn', talkCount: 2 } }] },
    });
  });

  it('finds co-speakers and related talks across meetups', async () => {
    const r = await execute<{ event: { talks: { title: string; related: { title: string }[] }[] } }>(
      yoga,
      `{ event(slug: "sofa-channel-21") { talks { title related(first: 3) { title } } } }`,
    );
    expect(r.data?.event.talks[0]?.related.map((t) => t.title)).toEqual([
      // Same speaker (祝辰) and project first, then the other talk about the same project.
      '蚂蚁注册中心 SOFARegistry 分享',
      'SOFARegistry 多集群数据同步实践',
    ]);
  });
});

describe('stats', () => {
  it('aggregates counts for a dashboard in one query', async () => {
    const r = await execute(
      yoga,
      `{ stats {
          events talks speakers projects
          eventsByYear { key count } eventsByCity { key count } eventsByFormat { key count } eventsBySeries { key count }
          topSpeakers(first: 2) { speaker { name } talks }
          topProjects(first: 1) { project { slug } talks }
      } }`,
    );
    expect(r.data).toEqual({
      stats: {
        events: 4,
        talks: 9,
        speakers: 7,
        projects: 3,
        eventsByYear: [{ key: '2021', count: 4 }],
        eventsByCity: [{ key: 'Hefei', count: 1 }, { key: '上海', count: 1 }, { key: '合肥', count: 1 }],
        eventsByFormat: [{ key: 'OFFLINE', count: 3 }, { key: 'ONLINE', count: 1 }],
        eventsBySeries: [{ key: 'SOFAMeetup', count: 3 }, { key: 'SOFAChannel', count: 1 }],
        topSpeakers: [{ speaker: { name: '李唯' }, talks: 2 }, { speaker: { name: '祝辰' }, talks: 2 }],
        topProjects: [{ project: { slug: 'sofastack/sofa-registry' }, talks: 3 }],
      },
    });
  });
});

describe('rich text', () => {
  it('returns markdown, sanitised HTML or plain text', async () => {
    const r = await execute<{ event: { talks: { md: string; html: string; text: string }[] } }>(
      yoga,
      `{ event(slug: "sofa-meetup-7-hefei", language: "zh") { talks { md: takeaways html: takeaways(format: HTML) text: takeaways(format: TEXT) } } }`,
    );
    const first = r.data?.event.talks[0];
    expect(first?.md).toMatch(/^1、/);
    expect(first?.html).toMatch(/^<p>1、.*<\/p>\n<p>2、/s);
    expect(first?.text).not.toMatch(/<|\*\*/);
    expect(first?.text.split('\n\n')).toHaveLength(2);
  });
});

describe('search', () => {
  type Hits = { search: { totalCount: number; edges: { node: { snippet: string; field: string; node: { __typename: string; title?: string; name?: string; slug?: string } } }[] } };
  const search = async (query: string, extra = '') =>
    (await execute<Hits>(yoga, `query($q: String!) { search(query: $q${extra}) { totalCount edges { node { snippet field node { __typename ... on Talk { title } ... on Event { title } ... on Speaker { name } ... on Project { slug } } } } } }`, { q: query })).data?.search;

  it('finds Chinese words inside longer text, without spaces, best first with a highlighted snippet', async () => {
    const r = await search('注册中心');
    expect(r?.edges[0]?.node.node).toEqual({ __typename: 'Talk', title: '蚂蚁注册中心 SOFARegistry 分享' });
    expect(r?.edges[0]?.node.snippet).toContain('<mark>注册中心</mark>');
  });

  it('finds mixed Chinese and English', async () => {
    const r = await search('Service Mesh 实践');
    expect(r?.edges[0]?.node.node).toEqual({ __typename: 'Talk', title: 'Service Mesh 在蚂蚁集团的实践' });
  });

  it('finds speakers by 花名 and restricts by type', async () => {
    const r = await search('良恩', ', types: [SPEAKER]');
    expect(r?.edges.map((e) => e.node.node)).toEqual([{ __typename: 'Speaker', name: '李唯' }]);
  });

  it('pages through the hits with cursors: the pages together are the whole list, in order, counted', async () => {
    const all = await search('SOFA', ', first: 100');
    expect(all?.totalCount).toBeGreaterThan(3);
    type Page = { search: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { node: { __typename: string } ; field: string } }[] } };
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page: Page | undefined = (await execute<Page>(yoga, 'query($q: String!, $after: String) { search(query: $q, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { field node { __typename } } } } }', { q: 'SOFA', after })).data;
      expect(page?.search.totalCount).toBe(all?.totalCount);
      for (const e of page?.search.edges ?? []) seen.push(`${e.node.node.__typename} ${e.node.field}`);
      if (!page?.search.pageInfo.hasNextPage) break;
      after = page.search.pageInfo.endCursor;
    }
    expect(seen).toEqual(all?.edges.map((e) => `${e.node.node.__typename} ${e.node.field}`));
  });

  it('filters events and talks by free text', async () => {
    expect(await slugs('{ text: "可观测性" }')).toEqual(['zh/sofa-meetup-9-shanghai']);
    const r = await execute(yoga, `{ talks(filter: { text: "推送链路" }) { edges { node { title } } } }`);
    expect(r.data).toEqual({ talks: { edges: [{ node: { title: 'SOFARegistry 源码解析：服务发布与推送链路' } }] } });
  });
});
