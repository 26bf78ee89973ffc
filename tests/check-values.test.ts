import { describe, expect, it } from 'vitest';
import { readPage } from '../src/store/load-page.js';

const file = { sourcePath: 'zh/a/index.md', slug: 'a', language: 'zh', isSection: false };

describe('values checked before they are served', () => {
  it('drops a venue that is a web address, a city that is no place and a speaker "name" that is a sentence, each with a diagnostic on its line', () => {
    const text = [
      '---',
      'title: Meetup',
      'city: "Room 301, Building 5"',
      'talks:',
      '  - title: Streams in practice',
      '    speakers: ["Ada Wong", "We will announce the second speaker soon, stay tuned!"]',
      '---',
      '',
      '- 活动时间：2021 年 07 月 24 日 13:30-17:30',
      '- 活动地点：https://map.example.com/place/42',
      '',
    ].join('\n');
    const { record, diagnostics } = readPage(file, text);
    expect(record?.event).toMatchObject({ venue: null, city: null, date: '2021-07-24' });
    expect(record?.talks.map((t) => t.speakers.map((i) => record.speakers[i]?.name))).toEqual([['Ada Wong']]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['EXTRACTION_DOUBT', 10],
      ['EXTRACTION_DOUBT', 1],
      ['EXTRACTION_DOUBT', 1],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/the venue read here, "https:\/\/map\.example\.com\/place\/42", is a web address/),
      expect.stringMatching(/the city read here, "Room 301, Building 5", is not a place name/),
      expect.stringMatching(/the speaker read here, "We will announce.*", is a sentence, not a name/),
    ]);
  });

  it('serves ordinary values untouched, in Chinese and English', () => {
    const { record, diagnostics } = readPage(file, '---\ntitle: Meetup\ncity: 合肥\nvenue: Storgatan 12, 211 34 Malmö\n---\n\n**《服务网格实践》**\n\n**嘉宾介绍**\n\n祝辰（花名忘禅），蚂蚁集团技术专家。\n');
    expect(diagnostics).toEqual([]);
    expect(record?.event).toMatchObject({ city: '合肥', venue: 'Storgatan 12, 211 34 Malmö' });
    expect(record?.speakers.map((s) => s.name)).toEqual(['祝辰']);
  });
});
