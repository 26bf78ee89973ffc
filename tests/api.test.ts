import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { execute, yogaForFolder } from './helpers/graphql.js';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const { yoga } = await yogaForFolder(contentDir);

interface EventsPage {
  events: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { slug: string; language: string } }[] };
}

describe('GraphQL over HTTP through Yoga', () => {
  it('answers the cross-meetup query: events → talks → speakers → their talks → event', async () => {
    const result = await execute(
      yoga,
      `{ event(slug: "sofa-meetup-9-shanghai", language: "zh") {
          title date startsAt endsAt city venue format sourcePath
          talks { title speakers { name aliases affiliation talks { title event { slug } } } resources { kind url } projects { slug } }
      } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      event: {
        title: 'SOFAStack Meetup#9 上海站-云原生中间件实践',
        date: '2021-11-20',
        startsAt: '2021-11-20T13:30:00+08:00',
        endsAt: '2021-11-20T17:00:00+08:00',
        city: '上海',
        format: 'OFFLINE',
        sourcePath: 'zh/activities/sofa-meetup-9-shanghai/index.md',
        talks: [
          {
            title: 'MOSN 在云原生网关场景下的演进',
            speakers: [
              {
                name: '李唯',
                aliases: ['良恩'],
                affiliation: '蚂蚁集团',
                talks: [
                  { title: 'MOSN 在云原生网关场景下的演进', event: { slug: 'sofa-meetup-9-shanghai' } },
                  { title: 'Service Mesh 在蚂蚁集团的实践', event: { slug: 'sofa-meetup-7-hefei' } },
                ],
              },
            ],
            resources: [{ kind: 'SLIDES', url: 'https://example.com/slides/meetup-9-mosn.pdf' }],
            projects: [{ slug: 'mosn/mosn' }],
          },
          {},
          {},
        ],
      },
    });
  });

  it('pages through events with cursors, newest first, with a total count', async () => {
    const query = `query($after: String) { events(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug language } } } }`;
    const first = await execute<EventsPage>(yoga, query);
    expect(first.data?.events.totalCount).toBe(4);
    expect(first.data?.events.pageInfo.hasNextPage).toBe(true);
    expect(first.data?.events.edges.map((e) => e.node.slug)).toEqual(['sofa-meetup-9-shanghai', 'sofa-channel-21', 'sofa-meetup-7-hefei']);
    const second = await execute<EventsPage>(yoga, query, { after: first.data?.events.pageInfo.endCursor });
    expect(second.data?.events.pageInfo.hasNextPage).toBe(false);
    expect(second.data?.events.edges.map((e) => `${e.node.language}/${e.node.slug}`)).toEqual(['zh/sofa-meetup-7-hefei']);
  });

  it('orders and filters events', async () => {
    const result = await execute<EventsPage>(
      yoga,
      `{ events(orderBy: DATE_ASC, filter: { language: "zh", format: OFFLINE }) { totalCount edges { node { slug language } } } }`,
    );
    expect(result.data?.events.edges.map((e) => e.node.slug)).toEqual(['sofa-meetup-7-hefei', 'sofa-meetup-9-shanghai']);
  });

  it('refuses more than 100 items per page with a clear error', async () => {
    const result = await execute(yoga, `{ events(first: 101) { totalCount } }`);
    expect(result.errors?.[0]?.message).toMatch(/"first" is 101, above the limit of 100/);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('tells the zh and en events of one slug apart by language', async () => {
    const result = await execute(yoga, `{ zh: event(slug: "sofa-meetup-7-hefei", language: "zh") { title } en: event(slug: "sofa-meetup-7-hefei", language: "en") { title } none: event(slug: "nope") { title } }`);
    expect(result.data).toEqual({
      zh: { title: 'SOFAStack Meetup#7 合肥站-SOFA 微服务架构技术生态与实践' },
      en: { title: 'SOFAStack Meetup#7 Hefei' },
      none: null,
    });
  });

  it('fetches any object again by its global id through node, talk, speaker and project', async () => {
    const list = await execute<{ speakers: { edges: { node: { id: string; name: string } }[] }; talks: { edges: { node: { id: string; title: string } }[] } }>(
      yoga,
      `{ speakers(first: 100) { edges { node { id name } } } talks(first: 1) { edges { node { id title } } } }`,
    );
    const zhuChen = list.data?.speakers.edges.find((e) => e.node.name === '祝辰')?.node;
    const talk = list.data?.talks.edges[0]?.node;
    const result = await execute(
      yoga,
      `query($s: ID!, $t: ID!) {
        node(id: $s) { __typename ... on Speaker { name events { slug } } }
        speaker(id: $s) { name aliases }
        talk(id: $t) { title event { slug } }
        project(slug: "MOSN/mosn") { slug name url talks { title } }
      }`,
      { s: zhuChen?.id, t: talk?.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      node: { __typename: 'Speaker', name: '祝辰', events: [{ slug: 'sofa-channel-21' }, { slug: 'sofa-meetup-7-hefei' }] },
      speaker: { name: '祝辰', aliases: ['忘禅'] },
      talk: { title: talk?.title, event: { slug: 'sofa-meetup-9-shanghai' } },
      project: {
        slug: 'mosn/mosn',
        name: 'mosn',
        url: 'https://github.com/mosn/mosn',
        talks: [{ title: 'MOSN 在云原生网关场景下的演进' }, { title: 'Service Mesh 在蚂蚁集团的实践' }],
      },
    });
  });

  it('ties resources to their talk and event', async () => {
    const result = await execute(yoga, `{ event(slug: "sofa-channel-21") { resources { kind url talk { title } event { slug } } } }`);
    expect(result.data).toEqual({
      event: {
        resources: [
          { kind: 'SLIDES', url: 'https://example.com/slides/channel-21-sofa-registry.pdf', talk: { title: 'SOFARegistry 源码解析：服务发布与推送链路' }, event: { slug: 'sofa-channel-21' } },
          { kind: 'LIVESTREAM', url: 'https://live.example.com/123', talk: { title: 'SOFARegistry 源码解析：服务发布与推送链路' }, event: { slug: 'sofa-channel-21' } },
        ],
      },
    });
  });

  it('serves GraphiQL with the cross-meetup example query to browsers', async () => {
    const response = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Meetup content graph</title>');
    expect(html).toContain('CrossMeetupSpeakers');
    expect(html).not.toContain('unpkg.com');
  });
});
