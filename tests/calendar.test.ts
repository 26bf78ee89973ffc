import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createMeetupYoga } from '../src/server/yoga.js';
import { yogaForFolder } from './helpers/graphql.js';
import { tempContent } from './helpers/temp-content.js';

const page = (frontMatter: string, body: string) => `---\n${frontMatter}\n---\n\n${body}\n`;

const folder = await tempContent({
  'zh/activities/demo-channel-3/index.md': page(
    'title: "示例频道#3：服务网格实践"\ndescription: "第三期"\ndate: 2021-07-20T10:00:00+08:00',
    '- 活动时间：2021 年 07 月 24 日（周六）13:30-17:30\n\n- 活动地点：合肥市高新区示例路 1 号集思空间\n\n### 本期议题以及嘉宾详解\n\n**《服务网格实践》**\n\n**嘉宾介绍**\n\n张三，示例公司工程师。',
  ),
  // Same slug in English, in another offset: 13:30-04:00 is a different instant from 13:30+08:00.
  'en/activities/demo-channel-3/index.md': page(
    'title: "Demo Channel#3: Service Mesh"\ndate: 2021-07-20T10:00:00-04:00',
    '- Time: July 24, 2021 (Saturday) 13:30-17:30\n\n- Venue: Example Hall, Boston',
  ),
  // A day but no time: an all-day event. The space in "示例 频道" must not split the series.
  'zh/activities/demo-channel-4/index.md': page(
    'title: "示例 频道#4：全天工作坊"\ndate: 2021-08-01T10:00:00+08:00',
    '- 活动时间：2021 年 08 月 14 日（周六）\n\n- 活动地点：上海市浦东新区示例园',
  ),
  'zh/activities/other-series-1/index.md': page(
    'title: "其他系列#1 上海站"\ndate: 2021-06-01T10:00:00+08:00',
    '- 活动时间：2021 年 06 月 12 日 14:00-17:00\n\n- 活动地点：上海市徐汇区示例路 2 号',
  ),
  // No day anywhere in the body: nothing to put in a calendar.
  'zh/activities/no-day/index.md': page('title: "没有日期的页面"\ndate: 2021-05-01T10:00:00+08:00', '一些介绍文字。'),
});
afterAll(folder.cleanup);
const { yoga, graph } = await yogaForFolder(folder.dir);

interface Parsed {
  uid: string;
  summary: string;
  start: ICAL.Time;
  end: ICAL.Time;
  location: string | null;
  description: string | null;
  stamp: string;
}

/** Parses an iCalendar body with ical.js, a parser independent of the generator. */
function parse(text: string): Parsed[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const stamp = vevent.getFirstPropertyValue('dtstamp');
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate,
      end: event.endDate,
      location: event.location,
      description: event.description,
      stamp: stamp instanceof ICAL.Time ? stamp.toJSDate().toISOString() : String(stamp),
    };
  });
}

async function get(path: string, method = 'GET'): Promise<Response> {
  return yoga.fetch(`http://localhost${path}`, { method });
}

async function uidsOf(path: string): Promise<string[]> {
  const response = await get(path);
  expect(response.status).toBe(200);
  return parse(await response.text()).map((e) => e.uid);
}

describe('GET /calendar.ics', () => {
  it('lists every event with a day, newest first, as text/calendar', async () => {
    const response = await get('/calendar.ics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="calendar\.ics"/);
    const events = parse(await response.text());
    expect(events.map((e) => e.uid)).toEqual([
      'zh/demo-channel-4@meetup-graph',
      'en/demo-channel-3@meetup-graph',
      'zh/demo-channel-3@meetup-graph',
      'zh/other-series-1@meetup-graph',
    ]);
  });

  it('places a timed event at the instant its local time denotes in its own offset', async () => {
    const text = await (await get('/calendar.ics')).text();
    expect(text).toContain('DTSTART:20210724T053000Z');
    const byUid = new Map(parse(text).map((e) => [e.uid, e]));
    const zh = byUid.get('zh/demo-channel-3@meetup-graph');
    expect(zh?.start.toJSDate().toISOString()).toBe('2021-07-24T05:30:00.000Z');
    expect(zh?.end.toJSDate().toISOString()).toBe('2021-07-24T09:30:00.000Z');
    expect(zh?.start.isDate).toBe(false);
    const en = byUid.get('en/demo-channel-3@meetup-graph');
    expect(en?.start.toJSDate().toISOString()).toBe('2021-07-24T17:30:00.000Z');
    expect(en?.end.toJSDate().toISOString()).toBe('2021-07-24T21:30:00.000Z');
  });

  it('makes a page with a day but no time an all-day event ending the next day', async () => {
    const text = await (await get('/calendar.ics')).text();
    expect(text).toContain('DTSTART;VALUE=DATE:20210814');
    expect(text).toContain('DTEND;VALUE=DATE:20210815');
    const allDay = parse(text).find((e) => e.uid === 'zh/demo-channel-4@meetup-graph');
    expect(allDay?.start.isDate).toBe(true);
    expect(allDay?.start.toString()).toBe('2021-08-14');
    expect(allDay?.end.toString()).toBe('2021-08-15');
  });

  it('fills summary, location, description with talks and speakers, and a stamp from publication', async () => {
    const events = parse(await (await get('/calendar.ics')).text());
    const zh = events.find((e) => e.uid === 'zh/demo-channel-3@meetup-graph');
    expect(zh?.summary).toBe('示例频道#3：服务网格实践');
    expect(zh?.location).toBe('合肥市高新区示例路 1 号集思空间');
    expect(zh?.description).toBe('第三期\n\n- 服务网格实践 (张三)');
    expect(zh?.stamp).toBe('2021-07-20T02:00:00.000Z');
    const en = events.find((e) => e.uid === 'en/demo-channel-3@meetup-graph');
    expect(en?.location).toBe('Example Hall, Boston');
    expect(en?.description).toBeNull();
  });

  it('renders the same bytes for the same content', async () => {
    const first = await (await get('/calendar.ics')).text();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await (await get('/calendar.ics')).text()).toBe(first);
  });

  it('filters by series, ignoring case, spaces and punctuation', async () => {
    expect(await uidsOf(`/calendar.ics?series=${encodeURIComponent('示例频道')}`)).toEqual(['zh/demo-channel-4@meetup-graph', 'zh/demo-channel-3@meetup-graph']);
    expect(await uidsOf('/calendar.ics?series=demo-CHANNEL')).toEqual(['en/demo-channel-3@meetup-graph']);
    expect(await uidsOf('/calendar.ics?series=nothing-like-it')).toEqual([]);
  });

  it('filters by city and language, and combines filters', async () => {
    expect(await uidsOf(`/calendar.ics?city=${encodeURIComponent('上海')}`)).toEqual(['zh/demo-channel-4@meetup-graph', 'zh/other-series-1@meetup-graph']);
    expect(await uidsOf('/calendar.ics?language=en')).toEqual(['en/demo-channel-3@meetup-graph']);
    expect(await uidsOf(`/calendar.ics?city=${encodeURIComponent('上海')}&series=${encodeURIComponent('其他系列')}`)).toEqual(['zh/other-series-1@meetup-graph']);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('/calendar.ics', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it('reads the graph once per request', async () => {
    let reads = 0;
    const counting = createMeetupYoga({
      current: () => {
        reads++;
        return graph;
      },
    });
    await (await counting.fetch('http://localhost/calendar.ics?series=x')).text();
    expect(reads).toBe(1);
  });
});

describe('GET /events/{slug}.ics', () => {
  it('serves one event, the language picked by ?language=', async () => {
    const response = await get('/events/demo-channel-3.ics?language=zh');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/filename="demo-channel-3\.ics"/);
    const events = parse(await response.text());
    expect(events).toHaveLength(1);
    expect(events[0]?.uid).toBe('zh/demo-channel-3@meetup-graph');
    expect(events[0]?.start.toJSDate().toISOString()).toBe('2021-07-24T05:30:00.000Z');
    expect(await uidsOf('/events/demo-channel-3.ics?language=en')).toEqual(['en/demo-channel-3@meetup-graph']);
  });

  it('serves exactly one event when no language is given', async () => {
    expect(await uidsOf('/events/demo-channel-3.ics')).toHaveLength(1);
  });

  it('answers 404 with a short text for an unknown slug or language', async () => {
    const unknown = await get('/events/no-such-meetup.ics');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await unknown.text()).toContain('no-such-meetup');
    expect(unknown.headers.get('x-error-code')).toBe('NO_SUCH_EVENT');
    expect((await get('/events/demo-channel-4.ics?language=en')).status).toBe(404);
  });

  it('leaves other paths to GraphQL', async () => {
    const response = await get('/graphql?query=%7B__typename%7D');
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
