import { describe, expect, it } from 'vitest';
import { dayOrderIn, offsetOf, parseClock, parseDay, parseWhen, proseWhen, statedWeekday } from '../src/extract/when.js';
import { isoDateTime } from '../src/model/local-time.js';

describe('parseWhen', () => {
  it.each([
    ['2021 年 07 月 24 日（周六）13:30-17:30', null, { date: '2021-07-24', startTime: '13:30', endTime: '17:30' }],
    ['2022 年 10 月 22-23 日（周六至周日）9:00-17:00', null, { date: '2022-10-22', startTime: '09:00', endTime: '17:00' }],
    ['2019-03-24 14:00~17:00', null, { date: '2019-03-24', startTime: '14:00', endTime: '17:00' }],
    ['2020/8/3 19：00 - 21：00', null, { date: '2020-08-03', startTime: '19:00', endTime: '21:00' }],
    ['July 24, 2021 (Saturday) 1:30 PM - 5:30 PM', null, { date: '2021-07-24', startTime: '13:30', endTime: '17:30' }],
    ['2021年3月21日 下午2点半', null, { date: '2021-03-21', startTime: '14:30', endTime: null }],
    ['待定', null, { date: null, startTime: null, endTime: null }],
  ])('reads %s', (text, reference, expected) => {
    expect(parseWhen(text, reference)).toEqual(expected);
  });

  it('reads "晚 19 点" as 19:00', () => {
    expect(parseWhen('05 月 19 日周三晚 19 点', '2021-05-07T15:00:00+08:00')).toEqual({ date: '2021-05-19', startTime: '19:00', endTime: null });
  });

  it('gives a day without a year the year nearest the publication date, before or after', () => {
    expect(parseWhen('12 月 30 日 19:00', '2022-01-03').date).toBe('2021-12-30');
    expect(parseWhen('1 月 5 日', '2021-12-20').date).toBe('2022-01-05');
    expect(parseWhen('6 月 1 日', '2021-05-20').date).toBe('2021-06-01');
  });

  it('refuses days that do not exist, and a yearless day without any reference', () => {
    expect(parseWhen('2021-02-30', null).date).toBeNull();
    expect(parseWhen('3 月 5 日', null).date).toBeNull();
  });
});

describe('offsets', () => {
  it('reads the offset written on a timestamp', () => {
    expect(offsetOf('2021-07-24T15:00:00+08:00')).toBe('+08:00');
    expect(offsetOf('2021-07-24T15:00:00.000+0530')).toBe('+05:30');
    expect(offsetOf('2021-07-24T15:00:00Z')).toBe('+00:00');
    expect(offsetOf('2021-07-24')).toBeNull();
  });

  it('combines a local day and time in that offset', () => {
    expect(isoDateTime('2021-07-24', '13:30', '+08:00')).toBe('2021-07-24T13:30:00+08:00');
    expect(isoDateTime(null, '13:30', '+08:00')).toBeNull();
    expect(isoDateTime('2021-07-24', null, '+08:00')).toBeNull();
  });
});

describe('proseWhen', () => {
  it('reads a day and its time from an English sentence, in the shapes announcements use', () => {
    expect(proseWhen('We meet on August 24th 2011 at 19.00 - roughly three weeks from now.', null)).toEqual({ date: '2011-08-24', startTime: '19:00', endTime: null });
    expect(proseWhen('Thursday 2012-02-16 at 19.00.', null)).toEqual({ date: '2012-02-16', startTime: '19:00', endTime: null });
    expect(proseWhen('It takes place at 28th January 2013, 19:00, in the office.', null)).toMatchObject({ date: '2013-01-28', startTime: '19:00' });
    expect(proseWhen('Join us June 24 from 6:30pm to 9pm.', '2020-06-01')).toEqual({ date: '2020-06-24', startTime: '18:30', endTime: '21:00' });
  });

  it('reads a weekday and a day of the month without the month as the next such day after the page date', () => {
    expect(proseWhen('Join us **Thursday 19th 2012 at 19.00**.', '2012-01-11')).toEqual({ date: '2012-01-19', startTime: '19:00', endTime: null });
    expect(proseWhen('Join us Friday 19th.', '2012-01-11')).toBeNull();
    expect(proseWhen('Join us Thursday 19th.', null)).toBeNull();
  });

  it('puts a day without a year nearest to the page date, before or after', () => {
    expect(proseWhen('See you on December 30th!', '2021-01-04')).toMatchObject({ date: '2020-12-30' });
    expect(proseWhen('See you on December 30th!', null)).toBeNull();
  });

  it('dates nothing from words alone, a weekday, a bare time or numbers that are not days', () => {
    expect(proseWhen('Clear your schedule for Thursday, as we meet again tonight.', '2012-01-11')).toBeNull();
    expect(proseWhen('Doors open at 7pm.', '2012-01-11')).toBeNull();
    expect(proseWhen('Version 2.5 is out and 3 speakers are confirmed.', '2012-01-11')).toBeNull();
    expect(proseWhen('活动时间：2021 年 7 月 24 日', '2021-07-01')).toBeNull();
  });
});

describe('hours said with am / pm', () => {
  it('are read alone and in ranges, the end lending its half of the day to the start', () => {
    expect(parseClock('doors at 7pm', { hourWords: false })).toEqual({ startTime: '19:00', endTime: null });
    expect(parseClock('6-9pm', { hourWords: false })).toEqual({ startTime: '18:00', endTime: '21:00' });
    expect(parseClock('10am to 12pm')).toEqual({ startTime: '10:00', endTime: '12:00' });
    expect(parseClock('7 p.m.')).toEqual({ startTime: '19:00', endTime: null });
  });

  it('are not read from words that merely start with am or pm', () => {
    expect(parseClock('Room 12, amphitheatre', { hourWords: false })).toEqual({ startTime: null, endTime: null });
    expect(parseClock('2 pmcs joined', { hourWords: false })).toEqual({ startTime: null, endTime: null });
  });
});

describe('days written with the year last', () => {
  it('are read by the order the page says it uses, or where only one order is a day', () => {
    expect(dayOrderIn('<!-- dates on this site are written MM.DD.YYYY -->')).toBe('month-first');
    expect(dayOrderIn('Datum im Format DD.MM.YYYY')).toBe('day-first');
    expect(parseDay('06.04.2020', null, 'month-first')).toBe('2020-06-04');
    expect(parseDay('06.04.2020', null, 'day-first')).toBe('2020-04-06');
    expect(parseDay('06.24.2020', null)).toBe('2020-06-24');
    expect(parseDay('24/06/2020', null)).toBe('2020-06-24');
  });

  it('are not guessed when both orders are days and the page does not say', () => {
    expect(parseDay('06.04.2020', null)).toBeNull();
    expect(parseDay('version 1.2.2020', null)).toBeNull();
  });
});

describe('statedWeekday', () => {
  it('reads the weekday beside a day, in Chinese and English, and nothing from other words', () => {
    expect(statedWeekday('6 月 12 日周四晚 7 点')).toBe(4);
    expect(statedWeekday('2021年5月28日（星期日）')).toBe(0);
    expect(statedWeekday('Thursday 2012-02-16')).toBe(4);
    expect(statedWeekday('Sat, June 5')).toBe(6);
    expect(statedWeekday('Monitoring, thunder and satellites')).toBeNull();
  });
});
