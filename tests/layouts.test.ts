import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/content/markdown.js';
import { mergeTalks } from '../src/extract/merge-talks.js';
import { splitPeople } from '../src/extract/people.js';
import { applySessionTopic, seriesTopic } from '../src/extract/single-talk.js';
import { agendaLines } from '../src/extract/layouts/agenda-lines.js';
import { agendaTables } from '../src/extract/layouts/agenda-table.js';
import { originOf } from '../src/extract/layouts/layout.js';
import { findTalks } from '../src/extract/layouts/registry.js';
import { resourceTitles } from '../src/extract/layouts/resource-titles.js';
import { detailSections } from '../src/extract/layouts/sections.js';
import { peopleFromSpeakerLists } from '../src/extract/guest-list.js';
import { viewPage } from '../src/extract/page-view.js';
import type { TalkCandidate } from '../src/extract/talk-candidate.js';
import { defaultVocabulary, extendVocabulary, isNonTalk, matchLabel } from '../src/extract/vocabulary.js';

const nodes = (md: string) => parseMarkdown(md).children;
const v = defaultVocabulary;
const page = (md: string) => viewPage(parseMarkdown(md), md, v);
const candidate = (title: string, extra: Partial<TalkCandidate> = {}): TalkCandidate => ({
  title, startTime: null, endTime: null, speakers: [], abstract: null, takeaways: null, line: 1, blocks: [], origin: originOf(detailSections), ...extra,
});

describe('vocabulary', () => {
  it('recognises labels by the longest word, with or without a colon, and a short prefix before a colon', () => {
    expect(matchLabel('直播间地址：https://x')).toEqual({ role: 'livestream', rest: 'https://x' });
    expect(matchLabel('**嘉宾介绍**'.replace(/\*/g, ''))).toEqual({ role: 'speaker', rest: '' });
    expect(matchLabel('B 站直播间地址：link')?.role).toBe('livestream');
    expect(matchLabel('「议题简介」')?.role).toBe('abstract');
    expect(matchLabel('大规模微服务场景下的注册中心：新特性')).toBeNull();
  });

  it('can be extended with a site’s own words', () => {
    expect(matchLabel('主讲嘉宾档案：张三')?.role).toBeUndefined();
    const site = extendVocabulary({ labels: { speaker: ['主讲嘉宾档案'] }, nonTalk: ['颁奖典礼'] });
    expect(matchLabel('主讲嘉宾档案：张三', site)).toEqual({ role: 'speaker', rest: '张三' });
    expect(isNonTalk('颁奖典礼', site)).toBe(true);
  });

  it('tells pauses and host moments from talks', () => {
    for (const t of ['签到', '茶歇', '午餐时间', '主持人开场', '抽奖与合影', 'Coffee break']) expect(isNonTalk(t)).toBe(true);
    for (const t of ['开场演讲：云原生十年', '示例注册中心 FooRegistry 分享', 'Lunch-time lightning talks about observability']) expect(isNonTalk(t)).toBe(false);
  });
});

describe('agenda table', () => {
  it('reads one talk per row, with times and every speaker of the cell', () => {
    const talks = agendaTables.find(
      page('| 时间 | 议题 | 讲师 |\n| --- | --- | --- |\n| 9:00-9:30 | 签到 | |\n| 9:30-10:10 | 《甲》 | 张三（阿三），某集团专家；李四，某公司工程师 |\n| 10:10-10:20 | 交流环节 | |'),
    );
    expect(talks.map((t) => [t.title, t.startTime, t.endTime, t.speakers.map((s) => s.name)])).toEqual([['甲', '09:30', '10:10', ['张三', '李四']]]);
  });

  it('ignores tables that are not agendas', () => {
    expect(agendaTables.find(page('| 项目 | 地址 |\n| --- | --- |\n| a | b |'))).toEqual([]);
  });
});

describe('timed agenda lines', () => {
  it('reads headings, bold lines and list items that start with a time range', () => {
    const talks = agendaLines.find(
      page('### 19:00-19:05 主持人开场\n\n### 19:05-20:00 甲议题\n\n王五 某集团技术专家\n\n**20:00 - 20:30 乙议题 by 赵六**\n\n- 20:30-21:00 丙议题'),
    );
    expect(talks.map((t) => [t.title, t.startTime, t.speakers.map((s) => s.name)])).toEqual([
      ['甲议题', '19:05', ['王五']],
      ['乙议题', '20:00', ['赵六']],
      ['丙议题', '20:30', []],
    ]);
  });
});

describe('guest lists', () => {
  it('reads one person per item, or a name item followed by items about that person, without hosts', () => {
    expect(peopleFromSpeakerLists(nodes('## 嘉宾\n\n- 小助手 主持人\n- 吴桐，某金服技术专家'), v).map((p) => [p.name, p.affiliation])).toEqual([['吴桐', '某金服']]);
    const multi = peopleFromSpeakerLists(nodes('## 嘉宾\n\n- 冯家纯\n- 某集团高级技术专家。\n- 框架作者。\n- 马金晶（花名：楚贤）\n- 某项目 Maintainer'), v);
    expect(multi.map((p) => [p.name, p.aliases, p.affiliation])).toEqual([
      ['冯家纯', [], '某集团'],
      ['马金晶', ['楚贤'], null],
    ]);
  });
});

describe('titled resource lists', () => {
  it('turn titled decks into talks, skipping generic and placeholder link texts', () => {
    const listed = page('- 资料下载：[《甲乙议题》](https://x/a.pdf) [戳这里](https://x/b.pdf) [待直播后更新](https://x/c.pdf)\n- 直播回放：[《甲乙议题》回放](https://v/1)');
    expect(resourceTitles.find(listed).map((t) => t.title)).toEqual(['甲乙议题']);
  });
});

describe('merging findings', () => {
  it('joins a talk met in an agenda table and in a timed heading, as any two layouts', () => {
    const md = [
      '| 时间 | 议题 | 讲师 |',
      '| --- | --- | --- |',
      '| 14:00-14:40 | 网关的演进 | 张三 |',
      '| 14:40-15:20 | 链路追踪实践 | 李四 |',
      '',
      '### 14:00-14:40 网关的演进',
      '',
      '### 14:40-15:20 链路追踪实践',
    ].join('\n');
    const talks = findTalks(page(md));
    expect(talks.map((t) => [t.title, t.startTime, t.speakers.map((s) => s.name)])).toEqual([
      ['网关的演进', '14:00', ['张三']],
      ['链路追踪实践', '14:40', ['李四']],
    ]);
  });

  it('joins the same talk met in the agenda and in its detail section', () => {
    const merged = mergeTalks([
      candidate('《Service Mesh在蚂蚁集团的实践》', { origin: originOf(agendaLines), startTime: '14:00', line: 5, speakers: [{ name: '良恩', aliases: [], affiliation: null, bio: null, line: 5 }] }),
      candidate('Service Mesh 在蚂蚁集团的实践', { line: 30, abstract: '摘要', speakers: [{ name: '李唯', aliases: ['良恩'], affiliation: '某集团', bio: null, line: 31 }] }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ title: 'Service Mesh 在蚂蚁集团的实践', startTime: '14:00', abstract: '摘要', line: 5 });
    expect(merged[0]?.speakers).toEqual([{ name: '李唯', aliases: ['良恩'], affiliation: '某集团', bio: null, line: 31 }]);
  });
});

describe('session topic', () => {
  it('reads the topic of a numbered session title', () => {
    expect(seriesTopic('示例频道#20：消息队列的顺序保证')).toBe('消息队列的顺序保证');
    expect(seriesTopic('Channel#34《甲乙丙丁》——某社区')).toBe('甲乙丙丁');
    expect(seriesTopic('某 Meetup 北京站')).toBeNull();
  });

  it('replaces a stale agenda title, keeps a close one, and creates the talk from guests when none is described', () => {
    const guest = { name: '吴桐', aliases: [], affiliation: null, bio: '吴桐', line: 1 };
    expect(applySessionTopic('频道#13：配置中心的推送模型', [candidate('消息队列的顺序保证', { origin: originOf(agendaLines) })], [])[0]?.title).toBe('配置中心的推送模型');
    expect(applySessionTopic('频道#26：解读 FooSSL：项目概况和最新进展', [candidate('FooSSL 项目的概况和最新进展', { origin: originOf(agendaLines) })], [])[0]?.title).toBe('FooSSL 项目的概况和最新进展');
    expect(applySessionTopic('频道#28 类隔离框架设计', [], [guest])).toMatchObject([{ title: '类隔离框架设计', speakers: [guest] }]);
  });
});

describe('splitPeople', () => {
  it('keeps a panel moderator only when asked', () => {
    expect(splitPeople('主持人：白露，某基金会秘书长', 1).map((p) => p.name)).toEqual([]);
    expect(splitPeople('主持人：白露，某基金会秘书长', 1, { keepHosts: true }).map((p) => p.name)).toEqual(['白露']);
    expect(splitPeople('嘉宾：高远、秦川（花名：河西）、Ada Wong', 1).map((p) => [p.name, p.aliases])).toEqual([['高远', []], ['秦川', ['河西']], ['Ada Wong', []]]);
  });
});
