import { describe, expect, it } from 'vitest';
import { readPage } from '../src/store/load-page.js';
import { parseMarkdown } from '../src/content/markdown.js';
import { mergeTalks } from '../src/extract/merge-talks.js';
import { cityFrom } from '../src/extract/place.js';
import { seriesTopic } from '../src/extract/single-talk.js';
import { parseSpeakerIntro } from '../src/extract/speaker-intro.js';
import { agendaLines } from '../src/extract/layouts/agenda-lines.js';
import { originOf } from '../src/extract/layouts/layout.js';
import { viewPage } from '../src/extract/page-view.js';
import { peopleFromSpeakerLists } from '../src/extract/guest-list.js';
import type { TalkCandidate } from '../src/extract/talk-candidate.js';
import { defaultVocabulary, isNonTalk } from '../src/extract/vocabulary.js';
import { parseWhen } from '../src/extract/when.js';

/** Ordinary text that an eager rule would misread; each case comes from a reading of the rules. */
const page = (body: string) => readPage({ sourcePath: 'p.md', slug: 'p', language: 'zh', isSection: false }, `---\ntitle: 示例\ndate: 2021-06-01T10:00:00+08:00\n---\n\n${body}`).record;
const candidate = (title: string, origin: TalkCandidate['origin'] = originOf(agendaLines)): TalkCandidate => ({
  title, startTime: null, endTime: null, speakers: [], abstract: null, takeaways: null, line: 1, blocks: [], origin,
});

describe('rules that must not misfire', () => {
  it('a bold 《book》 before the first heading does not swallow the rest of the page', () => {
    const record = page('**《深入理解计算机系统》**\n\n推荐阅读。\n\n## 活动信息\n\n- 活动时间：2021 年 06 月 12 日 14:00-17:00\n- 活动地点：杭州市西湖区示例路 1 号');
    expect(record?.event).toMatchObject({ date: '2021-06-12', startTime: '14:00', city: '杭州' });
  });

  it('a bold quotation is not a talk', () => {
    expect(page('**“Simplicity is complicated”**\n\n一段引言。')?.talks).toEqual([]);
  });

  it('sentences are not people', () => {
    expect(parseSpeakerIntro('此外，本次活动还有抽奖')).toBeNull();
    expect(parseSpeakerIntro('大家好我是张三')).toBeNull();
    expect(parseSpeakerIntro('欢迎开发者参加')).toBeNull();
    expect(parseSpeakerIntro('阿里巴巴技术专家团队')).toBeNull();
    expect(peopleFromSpeakerLists(parseMarkdown('## 嘉宾\n\n- 张三，示例集团工程师\n- 此外，本次活动还有抽奖').children, defaultVocabulary).map((p) => p.name)).toEqual(['张三']);
  });

  it('a title with a bar or "by" keeps its words unless a person follows', () => {
    const agenda = '### 19:00-19:40 深入 HTTP/3｜从 QUIC-TLS 看协议设计\n\n### 19:40-20:00 Programs written by hand\n\n### 20:00-20:30 Rust | 入门';
    const lines = agendaLines.find(viewPage(parseMarkdown(agenda), agenda, defaultVocabulary));
    expect(lines.map((t) => t.title)).toEqual(['深入 HTTP/3｜从 QUIC-TLS 看协议设计', 'Programs written by hand', 'Rust | 入门']);
  });

  it('keeps distinct talks of one agenda apart, however alike their titles', () => {
    const merged = mergeTalks([candidate('Kubernetes 入门'), candidate('Kubernetes 进阶'), candidate('题目1'), candidate('题目10')]);
    expect(merged.map((t) => t.title)).toEqual(['Kubernetes 入门', 'Kubernetes 进阶', '题目1', '题目10']);
  });

  it('talks about sign-in systems or raffles are still talks', () => {
    for (const t of ['签到系统设计与实现', '抽奖系统架构', 'QA 测试实践', 'Breaking changes', 'Welcome to Rust', 'Closing the gap']) expect(isNonTalk(t)).toBe(false);
    for (const t of ['签到', '午餐时间', '抽奖与合影', 'Coffee break', '主持人开场']) expect(isNonTalk(t)).toBe(true);
  });

  it('month names and hours are read only where they are dates and times', () => {
    expect(parseWhen('March 2021 roadmap', '2021-03-01').date).toBeNull();
    expect(parseWhen('Marketing 2 teams', '2021-03-01').date).toBeNull();
    expect(parseWhen('Nov 20, 2021', null).date).toBe('2021-11-20');
    expect(parseWhen('本次分享包含 3 点建议', null).startTime).toBeNull();
    expect(parseWhen('周三晚 19 点', null).startTime).toBe('19:00');
  });

  it('cities come from stations and addresses, not from shops or any capitalised word', () => {
    expect(cityFrom('第一站：杭州站', null)).toBe('杭州');
    expect(cityFrom('Help Station', null)).toBeNull();
    expect(cityFrom('Meetup', '园区一楼超市旁')).toBeNull();
  });

  it('a programming language is not a numbered series', () => {
    expect(seriesTopic('C# 10 新特性大揭秘')).toBeNull();
    expect(seriesTopic('F# 5 and .NET')).toBeNull();
  });
});

describe('hostile text is read in bounded time', () => {
  // Each of these took the title, name and venue rules seconds to minutes before they were made
  // linear; now the whole page reads in about 0.2 s on an idle machine. A regex's steps cannot be
  // counted from outside, so the guard is this test's own timeout, a hang detector: 10 s, far
  // above a machine 5× slower than an idle one (about 1 s). vitest fails a synchronous test that
  // returns after its timeout, so a rule gone quadratic again fails here.
  it('long runs of spaces and brackets in titles, names and venues', { timeout: 10_000 }, () => {
    const spaces = ' '.repeat(20_000);
    const record = page(`**《${spaces}**\n\n- 活动地点：${'，'.repeat(20_000)}x\n\n## 嘉宾\n\n- 某集团技术专家${spaces}张三\n\n| 时间 | 议题 | 嘉宾 |\n| --- | --- | --- |\n| 9:00-9:30 | 《${spaces}》 | ${'；'.repeat(5000)} |`);
    // Read to the end, not refused before the rules run (which would make this test pass unread).
    expect(record).not.toBeNull();
  });
});

describe('a date line whose weekday is wrong', () => {
  it('gives way to a sentence stating a later day whose weekday agrees, never to an older copied line', () => {
    // 2021-06-10 is a Thursday; the label says 周四 for the 9th, a Wednesday.
    const corrected = page('- 活动时间：6 月 9 日周四晚 7 点\n\n6 月 10 日周四晚 7 点，邀请示例集团的讲师分享。');
    expect(corrected?.event).toMatchObject({ date: '2021-06-10', startTime: '19:00' });
    // The agreeing day (2021-05-27, a Thursday) is before the page's date: a stale copy, the label stands.
    const stale = page('- 活动时间：6 月 9 日周四晚 7 点\n\n**直播时间：**2021年5月27日（周四）20:00-21:00');
    expect(stale?.event.date).toBe('2021-06-09');
  });
});

describe('English notices that have the shape of agenda lines', () => {
  const en = (body: string, fm = '') => readPage({ sourcePath: 'p.md', slug: 'p', language: null, isSection: false }, `---\ntitle: Meetup\ndate: 2023-09-20\n${fm}---\n\n${body}`).record;

  it('"Label: value" items and headings are no talks, and their labels are no speakers', () => {
    const record = en(
      '- Free Pizza: provided by Acme Corp\n- Getting There: take the 5 bus\n- Code Of Conduct: please read it\n- Doors Open: 18:00\n- Hosted By: Jane Doe\n\n## Important Update: The venue has changed\n\nWe moved.\n\n## Call For Speakers: Submit your talk\n\nWrite to us.\n',
    );
    expect(record?.talks).toEqual([]);
    expect(record?.speakers).toEqual([]);
  });

  it('sponsors and organizers listed with a name and a title in front matter are no talks', () => {
    const record = en('Talks soon.\n', 'sponsors:\n  - {name: Acme Corp, title: Gold Sponsor}\norganizers:\n  - {name: Jane Doe, title: Organizer}\n');
    expect(record?.talks).toEqual([]);
  });

  it('a person\'s job title on a nested line is not their talk', () => {
    expect(en('## Team\n\n- Jane Doe\n  - Title: Community Lead\n  - Twitter: @jane\n')?.talks).toEqual([]);
  });

  it('words that merely name cities elsewhere do not place the event', () => {
    expect(en('A big thanks to David Brown for organising.\n')?.event.city).toBeNull();
    expect(readPage({ sourcePath: 'p.md', slug: 'p', language: null, isSection: false }, '---\ntitle: Intro to Mobile Development with Flutter\n---\n\nTalks.\n').record?.event.city).toBeNull();
    expect(en('', 'venue: Hotel Victoria, 5 Main St\n')?.event.city).toBeNull();
    expect(en('We meet in Oslo.\n')?.event.city).toBe('Oslo');
  });

  it('a "Where?" section that is online or only a map link, and a recap sentence, give no venue', () => {
    expect(en('## Where?\n\nOnline! We send the Zoom link an hour before.\n')?.event.venue).toBeNull();
    expect(en('## Where?\n\n[Open in Google Maps](https://maps.example/x)\n\nAcme Office, 5 Main Street, 2nd floor\n')?.event.venue).toBe('Acme Office, 5 Main Street, 2nd floor');
    expect(en('Last week we held our meetup in the new space, 3 talks, 40 people, 12 pizzas.\n')?.event.venue).toBeNull();
  });

  it('schedule lines: a date is no time, drinks are no talk, and "Title - Name" reads the name on the right', () => {
    expect(en('- 20.10.2023 Async in practice - Jane Doe\n- 15.11.2023 Embedded Rust - Bo Li\n')?.talks).toEqual([]);
    const record = en('```\n18:00 Doors open\n19:00 React Server Components - Jane Doe\n21:00 Drinks - Local Pub\n```\n');
    expect(record?.talks.map((t) => [t.title, t.startTime, t.endTime, record.speakers[t.speakers[0] ?? -1]?.name])).toEqual([['React Server Components', '19:00', '21:00', 'Jane Doe']]);
  });

  it('fractions, ratings and the next meetup do not date this one', () => {
    expect(en('We ate 1/2 of the pizza and rated it 5/10.\n')?.event.date).toBeNull();
    expect(en('Thanks for coming! The next meetup is Mon 5 June.\n')?.event.date).toBeNull();
  });
});

describe('Chinese headings with a kicker', () => {
  it('are no recap talks even when the section repeats the kicker', () => {
    const record = page('## 特别鸣谢：示例科技\n\n感谢示例科技提供场地，特别鸣谢示例科技的小伙伴们。\n\n## 温馨提示：请携带身份证\n\n温馨提示：园区需要登记。\n');
    expect(record?.talks).toEqual([]);
  });
});
