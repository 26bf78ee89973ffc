import cityTimezones from 'city-timezones';
import { describe, expect, it } from 'vitest';
import { offsetIn } from '../src/extract/world-cities.js';

const referenceFormatters = new Map<string, Intl.DateTimeFormat>();

/** The reading offsetIn replaced: the `timeZoneName` part of the full date in the zone. */
function referenceOffset(timezone: string, day: string, time: string | null): string | null {
  const instant = new Date(`${day}T${time ?? '12:00'}:00Z`);
  if (Number.isNaN(instant.getTime())) return null;
  try {
    let formatter = referenceFormatters.get(timezone);
    if (!formatter) referenceFormatters.set(timezone, (formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })));
    const part = formatter.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
    if (!part) return null;
    if (part === 'GMT') return '+00:00';
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(part);
    return m ? `${m[1]}${m[2]}:${m[3]}` : null;
  } catch {
    return null;
  }
}

describe('the UTC offset of a zone on a day', () => {
  it('is what the full date in the zone says, for every zone of the city dataset, around the year and the clock', () => {
    const zones = [...new Set(cityTimezones.cityMapping.map((c) => c.timezone))].filter((z): z is string => typeof z === 'string');
    zones.push('UTC', 'Etc/GMT+5', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe', 'Europe/Dublin', 'Africa/Casablanca', 'Not/AZone', '', 'Asia/Shanghai|x');
    expect(zones.length).toBeGreaterThan(300);
    // Days and times either side of summer-time changes, old days of local mean time, bad input.
    const moments: [string, string | null][] = [
      ['2021-03-28', '00:59'], ['2021-03-28', '01:00'], ['2021-03-28', '02:30'], ['2021-10-31', '00:30'], ['2021-10-31', '01:30'],
      ['2019-03-10', '07:00'], ['2019-11-03', '06:30'], ['2024-04-07', '15:45'], ['2024-10-06', '16:00'], ['2026-12-03', null],
      ['2026-07-01', '23:59'], ['1890-01-01', '12:00'], ['1970-01-01', null], ['2100-06-15', '08:00'], ['2021-13-01', '10:00'],
      ['2021-02-03', '25:00'], ['2021-02-03', ''], ['', null], ['2021-02-03', '7:00'],
    ];
    let checked = 0;
    for (const zone of zones) {
      for (const [day, time] of moments) {
        // Twice: the second answer comes from the memo.
        expect(offsetIn(zone, day, time), `${zone} ${day} ${time}`).toBe(referenceOffset(zone, day, time));
        expect(offsetIn(zone, day, time), `${zone} ${day} ${time}`).toBe(referenceOffset(zone, day, time));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(offsetIn('Asia/Kathmandu', '2021-07-24', '13:30')).toBe('+05:45');
    expect(offsetIn('Europe/Copenhagen', '2021-07-24', null)).toBe('+02:00');
    expect(offsetIn('Europe/London', '2021-01-24', null)).toBe('+00:00');
  });
});
