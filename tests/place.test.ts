import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { cityFrom, cityInProse, cleanVenue, formatFrom } from '../src/extract/place.js';
import { venueInProse, venueOfSection } from '../src/extract/venue-section.js';
import { defaultVocabulary } from '../src/extract/vocabulary.js';
import { cityMentions, offsetIn, worldCity } from '../src/extract/world-cities.js';

describe('city', () => {
  it('comes from a "合肥站" title first, then from the venue', () => {
    expect(cityFrom('SOFAStack Meetup#7 合肥站-SOFA 微服务', '高新区创新产业园')).toBe('合肥');
    expect(cityFrom('Meetup', '上海市浦东新区示例路88号')).toBe('上海');
    expect(cityFrom('Meetup', '浙江省杭州市西湖区')).toBe('杭州');
    expect(cityFrom('Meetup', 'Building D8, Hefei High-tech Zone')).toBe('Hefei');
    expect(cityFrom('线上直播', null)).toBeNull();
  });

  it('is any city of the world an address ends with, written in English or locally', () => {
    expect(cityFrom('Spring meetup', 'Storgatan 12, 211 34 Malmö')).toBe('Malmö');
    expect(cityFrom('Spring meetup', 'Harbour Hotel, Nørregade 7, 1165 København')).toBe('Copenhagen');
    expect(cityFrom('Spring meetup', 'Phoenix Lounge at the Atlanta Tech Village, 3423 Piedmont Rd, Atlanta')).toBe('Atlanta');
    expect(cityFrom('Spring meetup at the harbour in Aarhus', 'The old harbour')).toBe('Aarhus');
  });

  it('is where prose says the event is, not where a speaker comes from, nor a common word', () => {
    expect(cityInProse('Our guest is flying in from Seattle to come to Copenhagen.')).toBe('Copenhagen');
    expect(cityInProse('Our guest is flying in from Seattle.')).toBeNull();
    expect(cityInProse('Reading the code is nice, Split it in modules.')).toBeNull();
    expect(cityMentions('CopenhagenJS meets in San Francisco').map((m) => m.city.name)).toEqual(['San Francisco']);
  });

  it('tells the offset of its time zone on the day, summer time included', () => {
    const zone = worldCity('Copenhagen')?.timezone ?? '';
    expect(offsetIn(zone, '2019-07-18', '17:30')).toBe('+02:00');
    expect(offsetIn(zone, '2019-11-21', '17:30')).toBe('+01:00');
    expect(offsetIn('Asia/Shanghai', '2021-07-24', null)).toBe('+08:00');
  });
});

describe('venue section', () => {
  const venue = (md: string) => venueOfSection(fromMarkdown(md).children, defaultVocabulary)?.venue ?? null;

  it('joins the place a "Where?" section names with its address', () => {
    expect(venue('## Where?\n\nWe meet at **Example Labs**, five minutes from the station. (Nørregade 7, 1165 København K)\n')).toBe(
      'Example Labs, Nørregade 7, 1165 København K',
    );
    expect(venue('## Where?\n\nHosted by [Acme](http://acme.test/).\n\nAddress: Storgatan 1, 211 34 Malmö.\n\n## RSVP\n\nSoon.\n')).toBe(
      'Acme, Storgatan 1, 211 34 Malmö',
    );
  });

  it('takes the address that follows the place in a long paragraph', () => {
    expect(venue('## Location\n\nThanks to our sponsor **Big Corp** for the pizza and the drinks tonight. We will be at **The Hub**, Nørregade 7, 1165 København K. See you!\n')).toBe(
      'The Hub, Nørregade 7, 1165 København K',
    );
  });

  it('takes a labelled place line and skips lines labelled as something else', () => {
    expect(venue('## 活动时间和地点\n\n**活动时间：2022 年 8 月 27 日 14:00**\n\n**活动地点：杭州市滨江区示例路 1 号**\n')).toBe('杭州市滨江区示例路 1 号');
    expect(venue('## Agenda\n\nTalks.\n')).toBeNull();
  });
});

describe('venue', () => {
  it('is trimmed of trailing punctuation', () => {
    expect(cleanVenue(' 北京市朝阳区某大厦 3 层。 ')).toBe('北京市朝阳区某大厦 3 层');
    expect(cleanVenue('  ')).toBeNull();
  });
});

describe('format', () => {
  it.each([
    ['线下活动', 'OFFLINE'],
    ['线上直播', 'ONLINE'],
    ['Webinar', 'ONLINE'],
    ['线下 + 线上同步直播', 'HYBRID'],
    ['活动', null],
  ])('%s → %s', (text, format) => {
    expect(formatFrom(text)).toBe(format);
  });
});

describe('venue in prose', () => {
  const venue = (md: string) => venueInProse(fromMarkdown(md).children)?.venue ?? null;

  it('is the address a sentence places the event at, after its last place phrase', () => {
    expect(venue('The event takes place at **5th May 2014, 18:00**, in the [Acme office at Storgade 5, 3. sal, 1614](http://maps.example/x).\n')).toBe(
      'Acme office at Storgade 5, 3. sal, 1614',
    );
    expect(venue('The evening will be hosted by [Example Café](http://cafe.example/), Harbour House at Kajgade 9, Aarhus. Welcome!\n')).toBe(
      'Example Café, Harbour House at Kajgade 9, Aarhus',
    );
  });

  it('is nothing when the words after the phrase are no address', () => {
    expect(venue('The talk takes place in the big room, as usual.\n')).toBeNull();
    expect(venue('Hosted by our friends at Acme, who also bring pizza.\n')).toBeNull();
  });
});
