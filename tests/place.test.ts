import { describe, expect, it } from 'vitest';
import { cityFrom, cleanVenue, formatFrom } from '../src/extract/place.js';

describe('city', () => {
  it('comes from a "合肥站" title first, then from the venue', () => {
    expect(cityFrom('SOFAStack Meetup#7 合肥站-SOFA 微服务', '高新区创新产业园')).toBe('合肥');
    expect(cityFrom('Meetup', '上海市浦东新区示例路88号')).toBe('上海');
    expect(cityFrom('Meetup', '浙江省杭州市西湖区')).toBe('杭州');
    expect(cityFrom('Meetup', 'Building D8, Hefei High-tech Zone')).toBe('Hefei');
    expect(cityFrom('线上直播', null)).toBeNull();
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
