import { diagnostic, type Diagnostic } from '../model/diagnostics.js';
import type { PageRecord, SpeakerMention } from '../model/records.js';
import { zoneOfCity } from './place.js';

/**
 * Every value is checked against what it claims to be before it is served: a venue is a place
 * (not an address on the web, not a page of text), a city is a place name, a speaker's name is a
 * name (not a sentence). A value that fails is dropped with an `EXTRACTION_DOUBT` naming the
 * file, the line it was read from and the value, so a reader's mistake is seen, not served.
 */
export function checkValues(page: PageRecord): { record: PageRecord; doubts: Diagnostic[] } {
  const doubts: Diagnostic[] = [];
  const doubt = (field: string, value: string, reason: string, line: number | null) =>
    doubts.push(diagnostic('EXTRACTION_DOUBT', { path: page.sourcePath, line }, { field, value, reason }));
  const { event } = page;
  // A fact without a body line was read from the front matter, which opens the file.

  const venueProblem = event.venue === null ? null : venueDoubt(event.venue);
  if (venueProblem && event.venue !== null) doubt('venue', event.venue, venueProblem, event.sources.venue?.line ?? 1);
  const cityProblem = event.city === null ? null : cityDoubt(event.city);
  if (cityProblem && event.city !== null) doubt('city', event.city, cityProblem, event.sources.city?.line ?? 1);

  const keep = page.speakers.map((s) => {
    const problem = nameDoubt(s.name);
    if (problem) doubt('speaker', s.name, problem, s.source.line);
    return problem === null;
  });
  if (doubts.length === 0) return { record: page, doubts };

  const newIndex: number[] = [];
  const speakers: SpeakerMention[] = [];
  page.speakers.forEach((s, i) => {
    newIndex[i] = keep[i] ? speakers.push(s) - 1 : -1;
  });
  const record: PageRecord = {
    ...page,
    event: { ...event, venue: venueProblem ? null : event.venue, city: cityProblem ? null : event.city },
    talks: page.talks.map((t) => ({ ...t, speakers: t.speakers.map((i) => newIndex[i] ?? -1).filter((i) => i >= 0) })),
    speakers,
  };
  return { record, doubts };
}

function venueDoubt(venue: string): string | null {
  if (/^(?:https?:)?\/\//i.test(venue.trim())) return 'is a web address, not a place';
  if (venue.length > 200) return 'is a passage of text, not a place';
  return null;
}

function cityDoubt(city: string): string | null {
  if (zoneOfCity(city)) return null;
  if (/\d|https?:|[。！？!?;；]/u.test(city) || city.length > 40) return 'is not a place name';
  // Words of a name: a few capitalised words, or a few Chinese characters.
  if (!/^(?:[\p{Script=Han}]{2,6}|\p{Lu}[\p{L}'’.-]*(?:[\s-]\p{L}[\p{L}'’.-]*){0,3})$/u.test(city.trim())) return 'is not a place name';
  return null;
}

function nameDoubt(name: string): string | null {
  const text = name.trim();
  if (/https?:\/\/|@\w+\.\w/iu.test(text)) return 'is an address, not a name';
  if (/[。！？!?；;：:]$|[。！？]/u.test(text)) return 'is a sentence, not a name';
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const words = text.split(/\s+/u).filter(Boolean).length;
  if (han > 12 || words > 6 || text.length > 60) return 'is a sentence, not a name';
  return null;
}
