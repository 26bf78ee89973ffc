import { describe, expect, it } from 'vitest';
import { readPage } from '../src/store/load-page.js';
import { buildGraph, GraphBuilder } from '../src/graph/graph-builder.js';
import type { Graph } from '../src/model/graph.js';
import type { PageRecord } from '../src/model/records.js';
import fc from 'fast-check';
import { editDistance } from '../src/search/inverted-index.js';
import { buildSearchIndex, prepareSearchIndex, searchIndexFor, type SearchHit, type SearchIndex } from '../src/search/search-index.js';

/** Pages in the layout of content/zh/activities/*: one talk section per 《title》, speaker line, abstract. */
const HANGZHOU = `---
title: "示例 Meetup#1 杭州站-微服务架构实践"
date: 2022-05-01T14:00:00+08:00
---

## 活动介绍

- 活动地点：杭州市西湖区示例大厦三楼

### 本期议题以及嘉宾详解

**《蚂蚁注册中心 SOFARegistry 分享》**

**嘉宾介绍**

张三（花名阿三），示例集团技术专家，长期负责微服务体系中服务发现方向的研发。

**议题简介**

SOFARegistry 是承载海量服务的注册系统，本次介绍它的新版本。

**项目地址**

https://github.com/sofastack/sofa-registry

**《Service Mesh 在蚂蚁集团的落地实践》**

**嘉宾介绍**

李四（花名小李），星河科技有限公司高级工程师。

**议题简介**

介绍数据面如何接入注册中心，以及注册中心推送变更时 Service Mesh 如何保持稳定。

**听众收获**

了解 <script>alert("x")</script> 这类注入为什么不会出现在网关日志里。
`;

const HEFEI = `---
title: "示例 Meetup#2 合肥站"
date: 2022-06-01T14:00:00+08:00
---

### 本期议题以及嘉宾详解

**《服务网格的流量关卡》**

**嘉宾介绍**

王五，云栈科技资深架构师。

**议题简介**

流量治理是服务网格落地时绕不开的话题。本次分享先回顾我们在多个业务线推广过程中遇到的限流、熔断与重试问题，再介绍配置下发与分批上线的做法，最后讨论如何借助指标、日志与追踪建设可观测性，让线上问题更快被定位。
`;

/** Two talks to rank: a long title that says 灰度发布 once, a short abstract that says it three times. */
const SHANGHAI = `---
title: "示例 Meetup#3 上海站"
date: 2022-07-01T14:00:00+08:00
---

### 本期议题以及嘉宾详解

**《大规模集群下的灰度发布与变更管控策略实践》**

**嘉宾介绍**

赵六，示例集团工程师。

**议题简介**

介绍我们的集群运维经验。

**《配置回滚的演进》**

**嘉宾介绍**

钱七，示例集团工程师。

**议题简介**

灰度发布是配置变更的关键。我们把灰度发布做成默认流程，灰度发布失败就回滚。
`;

function page(path: string, slug: string, text: string): PageRecord {
  const { record } = readPage({ sourcePath: path, slug, language: 'zh', isSection: false }, text);
  if (!record) throw new Error(`${path} did not load`);
  return record;
}

const graph = buildGraph([
  page('zh/activities/hangzhou/index.md', 'hangzhou', HANGZHOU),
  page('zh/activities/hefei/index.md', 'hefei', HEFEI),
  page('zh/activities/shanghai/index.md', 'shanghai', SHANGHAI),
]);
const index = buildSearchIndex(graph);

/** The graph id of the talk with this title; fails loudly when extraction changed. */
function talkId(g: Graph, title: string): string {
  const talk = [...g.talks.values()].find((t) => t.title === title);
  if (!talk) throw new Error(`no talk "${title}"`);
  return talk.id;
}

const registryTalk = talkId(graph, '蚂蚁注册中心 SOFARegistry 分享');
const meshTalk = talkId(graph, 'Service Mesh 在蚂蚁集团的落地实践');
const trafficTalk = talkId(graph, '服务网格的流量关卡');
const rolloutTalk = talkId(graph, '大规模集群下的灰度发布与变更管控策略实践');
const rollbackTalk = talkId(graph, '配置回滚的演进');

const brief = (hits: SearchHit[]) => hits.map((h) => `${h.type} ${h.id} ${h.field}`);

describe('buildSearchIndex', () => {
  it('finds a Chinese word inside an unspaced title, first, with the match marked', () => {
    const hits = index.search('注册中心');
    expect(hits[0]).toMatchObject({ type: 'TALK', id: registryTalk, field: 'title' });
    expect(hits[0]?.snippet).toBe('蚂蚁<mark>注册中心</mark> SOFARegistry 分享');
  });

  it('ranks a title match above a talk that has the words only in its abstract, even twice', () => {
    const hits = index.search('注册中心');
    expect(brief(hits)).toEqual([`TALK ${registryTalk} title`, `TALK ${meshTalk} abstract`]);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
    expect(hits[1]?.snippet).toContain('接入<mark>注册中心</mark>，以及<mark>注册中心</mark>推送');
  });

  it('ranks a long title that has the words once above a short abstract that repeats them', () => {
    expect(brief(index.search('灰度发布'))).toEqual([`TALK ${rolloutTalk} title`, `TALK ${rollbackTalk} abstract`]);
  });

  it('quotes the title when it matched, even if the abstract matched more of the query', () => {
    const hit = index.search('灰度发布 回滚').find((h) => h.id === rollbackTalk);
    expect(hit).toMatchObject({ field: 'title', snippet: '配置<mark>回滚</mark>的演进' });
  });

  it('finds mixed English and Chinese with every word required', () => {
    const hits = index.search('Service Mesh 落地');
    expect(hits[0]).toMatchObject({ type: 'TALK', id: meshTalk, field: 'title' });
    expect(hits[0]?.snippet).toBe('<mark>Service</mark> <mark>Mesh</mark> 在蚂蚁集团的<mark>落地</mark>实践');
    // 落地 also occurs in the Hefei abstract, but "Service Mesh" does not: AND keeps it out.
    expect(hits.map((h) => h.id)).not.toContain(trafficTalk);
  });

  it('finds a speaker by 花名 and by affiliation', () => {
    expect(index.search('阿三')[0]).toMatchObject({ type: 'SPEAKER', id: '张三', field: 'aliases', snippet: '<mark>阿三</mark>' });
    expect(index.search('星河科技')[0]).toMatchObject({ type: 'SPEAKER', id: '李四', field: 'affiliation', snippet: '<mark>星河科技</mark>有限公司' });
  });

  it('marks a Chinese query where it occurs whole, not each pair of it wherever it occurs', () => {
    expect(index.search('服务发现')[0]).toMatchObject({
      type: 'SPEAKER',
      id: '张三',
      field: 'bio',
      snippet: '张三（花名阿三），示例集团技术专家，长期负责微服务体系中<mark>服务发现</mark>方向的研发。',
    });
  });

  it('finds a word the segmenter keeps inside a longer one (公司 in 有限公司)', () => {
    expect(brief(index.search('公司'))).toEqual(['SPEAKER 李四 affiliation']);
  });

  it('needs the characters of a Chinese query side by side, not just somewhere in the page', () => {
    // The Hefei title holds 网 and 关 as separate one-character words; only the Mesh talk says 网关.
    expect(brief(index.search('网关'))).toEqual([`TALK ${meshTalk} takeaways`]);
  });

  it('restricts results to the requested types', () => {
    const all = index.search('registry');
    expect(new Set(all.map((h) => h.type))).toEqual(new Set(['TALK', 'PROJECT']));
    expect(brief(index.search('registry', { types: ['PROJECT'] }))).toEqual(['PROJECT sofastack/sofa-registry name']);
    expect(index.search('registry', { types: ['SPEAKER', 'EVENT'] })).toEqual([]);
    expect(index.search('registry', { types: [] })).toHaveLength(all.length);
  });

  it('escapes markup in page text and marks only the match', () => {
    const hit = index.search('alert')[0];
    expect(hit).toMatchObject({ id: meshTalk, field: 'takeaways' });
    expect(hit?.snippet).toBe('了解 &lt;script&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/script&gt; 这类注入为什么不会出现在网关日志里。');
  });

  it('cuts long text to a window around the first match, with ellipses', () => {
    const hit = index.search('可观测性')[0];
    expect(hit).toMatchObject({ id: trafficTalk, field: 'abstract' });
    const snippet = hit?.snippet ?? '';
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet).toContain('建设<mark>可观测性</mark>，');
    expect(snippet.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(82);
  });

  it('matches a prefix of the last English word and tolerates a typo in a long one', () => {
    expect(index.search('sofareg')[0]).toMatchObject({ id: registryTalk, snippet: '蚂蚁注册中心 <mark>SOFARegistry</mark> 分享' });
    expect(brief(index.search('registy'))).toContain('PROJECT sofastack/sofa-registry name');
    expect(index.search('分享 sofareg').map((h) => h.id)).toEqual([registryTalk]);
    // Prefix only on the last word: "sofareg" before 分享 is a finished word no page has, so only
    // the any-word fallback answers, and it also brings the Hefei talk whose abstract says 分享.
    expect(index.search('sofareg 分享').map((h) => h.id)).toEqual([registryTalk, trafficTalk]);
  });

  it('falls back to any of the words when no page has them all', () => {
    const hits = index.search('注册中心 kubernetes');
    expect(hits[0]).toMatchObject({ id: registryTalk, field: 'title' });
  });

  it('returns nothing for an empty or blank query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('  \t\n ')).toEqual([]);
    expect(index.search('，。！')).toEqual([]);
  });

  it('builds once per graph', () => {
    expect(buildSearchIndex(graph)).toBe(index);
  });
});

/** A graph of `count` small pages (more than one slice of the index build). */
function manyPages(count: number, word: string): Graph {
  return buildGraph(
    Array.from({ length: count }, (_, i) =>
      page(`zh/many/p${i}/index.md`, `p${i}`, `---\ntitle: "${word} Meetup ${i}"\ndate: 2022-05-01T14:00:00+08:00\n---\n\n## 活动介绍\n\n第 ${i} 期，${word} 社区的聚会。\n`),
    ),
  );
}

describe('searchIndexFor (the service path)', () => {
  it('finds what the index built at once finds, in the same order, with the same snippets', async () => {
    const again = buildGraph([
      page('zh/activities/hangzhou/index.md', 'hangzhou', HANGZHOU),
      page('zh/activities/hefei/index.md', 'hefei', HEFEI),
      page('zh/activities/shanghai/index.md', 'shanghai', SHANGHAI),
    ]);
    const sliced = await searchIndexFor(again);
    for (const query of ['注册中心', 'SOFARegistry', '灰度 发布', 'mesh', '张三']) {
      expect(sliced.search(query)).toEqual(index.search(query));
    }
    expect(await searchIndexFor(again)).toBe(sliced);
  });

  it('lets other work run between slices of a large build', async () => {
    const big = manyPages(700, 'Slices');
    let turns = 0;
    let building = true;
    const count = () => {
      if (!building) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    const built = await searchIndexFor(big);
    building = false;
    expect(built.search('Slices', { types: ['EVENT'] })).toHaveLength(700);
    // Built at once, no other callback could run before the index was there.
    expect(turns).toBeGreaterThan(1);
  });

  it('stops building the index of a graph superseded before anyone asked for it, and builds the newer one', async () => {
    // Enough pages that a build spans several slices (600 took one once words were scanned).
    const older = manyPages(2000, 'Older');
    const newer = manyPages(2000, 'Newer');
    const first = prepareSearchIndex(older);
    const second = prepareSearchIndex(newer);
    expect(await first).toBeNull();
    expect((await second)?.search('Newer', { types: ['EVENT'] })).toHaveLength(2000);
    // Asked for later, the older graph's index is built after all.
    expect((await searchIndexFor(older)).search('Older', { types: ['EVENT'] })).toHaveLength(2000);
  }, 120_000);

  it('finishes a build a request waits for, even when a newer graph comes meanwhile', async () => {
    const waitedFor = manyPages(600, 'Waited');
    const asked = searchIndexFor(waitedFor);
    void prepareSearchIndex(manyPages(10, 'Later'));
    expect((await asked).search('Waited', { types: ['EVENT'] })).toHaveLength(600);
  });
});


/** A page of one talk: `rev` changes the talk's title only. */
function talkPage(i: number, rev: number): PageRecord {
  const text = `---\ntitle: "Reload Meetup ${i}"\ndate: 2022-05-01T14:00:00+08:00\n---\n\n### 本期议题以及嘉宾详解\n\n**《Talk${rev === 0 ? 'alpha' : `rev${rev}x`} number ${i}》**\n\n**嘉宾介绍**\n\n讲者${i % 7}，示例公司工程师。\n\n**议题简介**\n\n第 ${i} 期的议题，关于注册中心。\n`;
  return page(`zh/reload/p${i}/index.md`, `p${i}`, text);
}

const entry = (record: PageRecord) => [record.sourcePath, { record, diagnostics: [] }] as const;
const keyAndScore = (hits: SearchHit[]) => hits.map((h) => ({ key: `${h.type}:${h.id}`, score: h.score, field: h.field, snippet: h.snippet }));

describe('reloads', () => {
  it('finds a changed talk title and not the old one, ranking as a fresh index of the new graph does', async () => {
    const builder = new GraphBuilder();
    const before = builder.apply(new Map(Array.from({ length: 40 }, (_, i) => entry(talkPage(i, 0)))));
    await prepareSearchIndex(before);
    const after = builder.apply(new Map([entry(talkPage(7, 1))]));
    const reloaded = await prepareSearchIndex(after);
    expect(reloaded).not.toBeNull();
    const edited = [...after.talks.values()].find((t) => t.title === 'Talkrev1x number 7');
    expect(edited).toBeDefined();
    expect(reloaded?.search('Talkrev1x', { types: ['TALK'] }).map((h) => h.id)).toEqual([edited?.id]);
    expect(reloaded?.search('Talkalpha', { types: ['TALK'] }).some((h) => h.id === edited?.id)).toBe(false);
    expect(reloaded?.search('Talkalpha', { types: ['TALK'] })).toHaveLength(39);
    // The same scores as an index built from scratch (the changed page's records are numbered
    // last there, so ties may come in another order: compare as sets).
    const sameAsFresh = (got: SearchIndex | null, pages: PageRecord[]) => {
      const fresh = buildSearchIndex(buildGraph(pages));
      for (const query of ['Talkalpha', 'number 7', '注册中心', 'Reload', 'talk', '讲者3']) {
        const rounded = (hits: SearchHit[]) => keyAndScore(hits).map((h) => ({ ...h, score: Math.round(h.score * 1e9) })).sort((a, b) => (a.key < b.key ? -1 : 1));
        expect(got?.search(query).length).toBeGreaterThan(0);
        expect(rounded(got?.search(query) ?? [])).toEqual(rounded(fresh.search(query)));
      }
    };
    sameAsFresh(reloaded, Array.from({ length: 40 }, (_, i) => talkPage(i, i === 7 ? 1 : 0)));
    // A page comes (new ids) and one goes.
    const third = builder.apply(new Map([entry(talkPage(40, 0)), ['zh/reload/p3/index.md', null]]));
    const again = await prepareSearchIndex(third);
    const events = again?.search('Reload Meetup', { types: ['EVENT'] }) ?? [];
    expect(events).toHaveLength(40);
    expect(events.every((h) => third.events.has(h.id))).toBe(true);
    expect(again?.search('Talkalpha number 40', { types: ['TALK'] })[0]?.id).toBe([...third.talks.values()].find((t) => t.title === 'Talkalpha number 40')?.id);
    sameAsFresh(again, Array.from({ length: 41 }, (_, i) => talkPage(i, i === 7 ? 1 : 0)).filter((_, i) => i !== 3));
  });

  it('answers from the last finished index while a new one is built, without objects the graph lacks', async () => {
    const builder = new GraphBuilder();
    const before = builder.apply(new Map(Array.from({ length: 700 }, (_, i) => entry(talkPage(i, 0)))));
    await prepareSearchIndex(before);
    // Most pages go and many come: too much changed for a segment on top, so the index is built
    // again, over several slices.
    const changes = new Map<string, { record: PageRecord; diagnostics: never[] } | null>(Array.from({ length: 600 }, (_, i) => [`zh/reload/p${i}/index.md`, null] as const));
    for (let i = 1000; i < 3000; i++) changes.set(`zh/reload/p${i}/index.md`, { record: talkPage(i, 0), diagnostics: [] });
    const after = builder.apply(changes);
    let finished = false;
    const building = prepareSearchIndex(after).then((built) => {
      finished = true;
      return built;
    });
    const meanwhile = await searchIndexFor(after);
    expect(finished).toBe(false);
    // The pages that stayed, from the last index; not the ones that went, nor yet the new ones.
    const found = meanwhile.find('Reload Meetup', { types: ['EVENT'] });
    expect(found.total).toBe(100);
    const hits = found.best(Infinity);
    expect(hits).toHaveLength(100);
    expect(hits.every((h) => after.events.has(h.id))).toBe(true);
    expect(meanwhile.search('Talkalpha').every((h) => (h.type === 'TALK' ? after.talks : after.speakers).has(h.id))).toBe(true);
    expect(meanwhile.find('Talkalpha', { types: ['TALK'] }).total).toBe(100);
    const rebuilt = await building;
    expect(rebuilt?.find('Reload Meetup', { types: ['EVENT'] }).total).toBe(2100);
    expect(await searchIndexFor(after)).toBe(rebuilt);
  }, 120_000);
});

describe('find (the first page only)', () => {
  it('ranks the best n exactly as the whole ranking does, and counts every match', () => {
    // Pages whose scores differ (one to five mentions, titles of different lengths) and tie.
    const mixed = buildGraph(
      Array.from({ length: 400 }, (_, i) =>
        page(
          `zh/mixed/p${i}/index.md`,
          `p${i}`,
          `---\ntitle: "${'长'.repeat(i % 7)} Meetup ${i}"\ndescription: "${'灰度发布，'.repeat(1 + (i % 5))}第 ${i} 期"\ndate: 2022-05-01T14:00:00+08:00\n---\n\n## 活动介绍\n\n第 ${i} 期。\n`,
        ),
      ),
    );
    const mixedIndex = buildSearchIndex(mixed);
    for (const query of ['灰度发布', 'meetup', '灰度 meet']) {
      const all = mixedIndex.search(query);
      expect(all.length).toBeGreaterThan(300);
      for (let i = 1; i < all.length; i++) expect(all[i - 1]?.score).toBeGreaterThanOrEqual(all[i]?.score ?? Infinity);
      for (const n of [0, 1, 5, 17, 64, all.length, all.length + 5]) {
        const found = mixedIndex.find(query);
        expect(found.total).toBe(all.length);
        expect(found.best(n).map((h) => h.id)).toEqual(all.slice(0, n).map((h) => h.id));
        // Asking for more after fewer ranks further, still in the same order.
        expect(found.best(n + 40).map((h) => h.id)).toEqual(all.slice(0, n + 40).map((h) => h.id));
      }
    }
  });
});

describe('editDistance', () => {
  /** Textbook Levenshtein, the whole table. */
  function levenshtein(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = row;
    }
    return prev[b.length] ?? 0;
  }

  it('agrees with the whole table up to the limit, and says limit + 1 beyond it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(levenshtein(a, b), max + 1));
      }),
      { numRuns: 3000 },
    );
  });
});
