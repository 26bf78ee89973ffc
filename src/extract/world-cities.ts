import cityTimezones from 'city-timezones';
import { textMemo } from './text-memo.js';

/**
 * Cities of the world by name, from city-timezones (Natural Earth's populated places: about
 * 7,300 cities with their IANA time zone). A name shared by several cities means the most
 * populous one. Pages write some cities in their own language (an address in "København V");
 * the few local names that differ from the dataset's are listed below, as geography, and read as
 * the English name the rest of a page uses.
 */
export interface WorldCity {
  /** The name as written ("Aarhus" or "Århus"); a local name listed below gives the English one. */
  readonly name: string;
  readonly timezone: string;
  readonly population: number;
}

const LOCAL_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['København', 'Copenhagen'], ['Göteborg', 'Gothenburg'], ['München', 'Munich'], ['Köln', 'Cologne'],
  ['Nürnberg', 'Nuremberg'], ['Wien', 'Vienna'], ['Praha', 'Prague'], ['Warszawa', 'Warsaw'],
  ['Kraków', 'Krakow'], ['Lisboa', 'Lisbon'], ['Roma', 'Rome'], ['Milano', 'Milan'], ['Napoli', 'Naples'],
  ['Torino', 'Turin'], ['Firenze', 'Florence'], ['Venezia', 'Venice'], ['Bruxelles', 'Brussels'],
  ['Brussel', 'Brussels'], ['Antwerpen', 'Antwerp'], ['Den Haag', 'The Hague'], ['Genève', 'Geneva'],
  ['Moskva', 'Moscow'], ['Kyiv', 'Kiev'], ['Athína', 'Athens'], ['București', 'Bucharest'], ['Beograd', 'Belgrade'],
  ['Sevilla', 'Seville'], ['Zürich', 'Zurich'], ['Helsingfors', 'Helsinki'], ['Frankfurt am Main', 'Frankfurt'],
];

/** Up to three words, as city names run ("Rio de Janeiro", "San Francisco"). */
const MAX_WORDS = 3;

let index: Map<string, WorldCity> | null = null;

/** Name (and ASCII spelling, and local name) → city; built on first use. */
function cities(): Map<string, WorldCity> {
  if (index) return index;
  const byName = new Map<string, WorldCity>();
  const add = (name: string, city: WorldCity) => {
    const known = byName.get(name);
    if (!known || known.population < city.population) byName.set(name, city);
  };
  // A city is named as the page writes it ("Aarhus" or "Århus"), both spellings being the dataset's.
  for (const c of cityTimezones.cityMapping) {
    add(c.city, { name: c.city, timezone: c.timezone, population: c.pop });
    add(c.city_ascii, { name: c.city_ascii, timezone: c.timezone, population: c.pop });
  }
  // A local name means the city the English name does, even where the dataset lists both.
  for (const [local, name] of LOCAL_NAMES) {
    const city = byName.get(name);
    if (city) byName.set(local, city);
  }
  index = byName;
  return index;
}

/** A capitalised word, as place names are written; "reading" or "nice" in prose are not places. */
const WORD = /\p{Lu}[\p{L}\p{M}'’.-]*/gu;

export interface CityMention {
  readonly city: WorldCity;
  /** Where in the text the name starts and ends. */
  readonly at: number;
  readonly end: number;
}

/**
 * Every city named in `text`, in order: capitalised words (one to three, the longest name
 * wins), matched against the dataset. Callers choose which mentions count (a venue's, or prose
 * after "in" / "to").
 */
export function cityMentions(text: string): CityMention[] {
  const words = [...text.matchAll(WORD)].map((m) => {
    const word = m[0].replace(/[.'’-]+$/u, '');
    return { word, at: m.index ?? 0, end: (m.index ?? 0) + word.length };
  });
  const found: CityMention[] = [];
  const known = cities();
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1; n--) {
      const run = words.slice(i, i + n);
      // Words of one name stand next to each other, separated by spaces only.
      if (run.some((w, k) => k > 0 && !/^ +$/.test(text.slice(run[k - 1]?.end ?? 0, w.at)))) continue;
      const city = known.get(run.map((w) => w.word).join(' '));
      if (city) {
        found.push({ city, at: run[0]?.at ?? 0, end: run[run.length - 1]?.end ?? 0 });
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

/** The city a name stands for, when it is one (for the time zone of a city the page names). */
export function worldCity(name: string): WorldCity | null {
  return cities().get(name) ?? null;
}

/** Formatters by zone: making one costs far more than using it, and a site has few zones. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The hour and the zone's offset: `format` of the fewest fields is a fifth of the cost of
 * `formatToParts` with the full date, which was most of a page's extraction time in this function.
 */
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hour: 'numeric', timeZoneName: 'longOffset' });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Offsets by zone, day and time: pages of one site share a zone, and many their days and times. */
const offsets = textMemo((key: string) => {
  const [timezone = '', day = '', time = ''] = key.split('|');
  return zoneOffset(timezone, day, time.startsWith('@') ? time.slice(1) : null);
});

/** The UTC offset (`+01:00`) of a time zone on a day, summer time included. */
export function offsetIn(timezone: string, day: string, time: string | null): string | null {
  if (timezone.includes('|') || day.includes('|') || time?.includes('|')) return zoneOffset(timezone, day, time);
  return offsets(`${timezone}|${day}|${time === null ? '' : `@${time}`}`);
}

function zoneOffset(timezone: string, day: string, time: string | null): string | null {
  const instant = new Date(`${day}T${time ?? '12:00'}:00Z`);
  if (Number.isNaN(instant.getTime())) return null;
  try {
    // "8 AM GMT+08:00", "8 AM GMT" at +00:00; an offset with seconds (local mean time) is not one we use.
    const m = /GMT(?:([+-])(\d{2}):(\d{2})(:\d{2})?)?$/.exec(formatterFor(timezone).format(instant));
    if (!m) return null;
    if (!m[1]) return '+00:00';
    return m[4] ? null : `${m[1]}${m[2]}:${m[3]}`;
  } catch {
    return null;
  }
}
