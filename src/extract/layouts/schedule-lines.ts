import type { Code, Paragraph, RootContent } from 'mdast';
import { lineOf, textOf } from '../mdast.js';
import { isPersonName } from '../people.js';
import type { Finding, PersonFound } from '../talk-candidate.js';
import { cleanTitle } from '../titles.js';
import { isNonTalk, type Vocabulary } from '../vocabulary.js';
import type { Layout } from './layout.js';

/** "18:00 …", "19.20 …", "18:00-18:25 …": a schedule line's time (or range) and the rest. */
// "20.10.2023 …" is a day, not a time: minutes are not followed by another number.
const TIMED_LINE = /^\s*(\d{1,2})[:.](\d{2})(?![.\/]?\d)(?:\s*(?:-|–|—|~|to)\s*(\d{1,2})[:.](\d{2})(?![.\/]?\d))?\s*(?:[-–—|:]\s*)?(\S.*)$/u;
const MAX_LINE = 300;
/** "Talk:", "First talk -", "Lightning talk:" before the title. */
const TALK_PREFIX = /^(?:(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)?|lightning|main|keynote)\s+)?talk\s*[:：\-–—]\s*/iu;
/** "… by Ada Wong", "… by Ada Wong from Example Labs". */
const BY = /^(.+?)\s+by\s+(.+?)(?:\s+(?:from|of|at|@)\s+(.+))?$/iu;
/** "Title - Name" or "Name - Title": a dash between a title and a person. */
const DASH = /^(.+)\s+[-–—]\s+(.+)$/u;

/**
 * Schedules written as plain lines, one time each, in a code block, a paragraph of lines or a list
 * ("    18:00 First talk - Keep calm by Ada Wong", "19.20 Ada Wong - Which way is forward",
 * "**19:30 - 20:15**: Title" lines joined by hard breaks). A line with one time is a talk when it
 * names a presenter ("… by Name", "Title - Name", "Name - Title"): doors, breaks and raffles
 * name none. A slot with its own end is an agenda item unless the vocabulary says it is not a
 * talk (签到, Break …). A talk without an end time ends when the next line begins.
 */
export const scheduleLines: Layout = {
  name: 'schedule-lines',
  priority: 2,
  schedule: true,
  find: (page) => page.outside.flatMap((node) => talksOfSchedule(node, page.vocabulary)),
};

interface TimedLine {
  readonly start: string;
  readonly end: string | null;
  readonly rest: string;
  readonly line: number | null;
}

function talksOfSchedule(node: RootContent, vocabulary: Vocabulary): Finding[] {
  const lines = timedLines(node);
  if (lines.length < 2) return [];
  return lines.flatMap((l, i) => {
    // A slot with its own end ("19:30 - 20:15: Title") is an agenda item even without a name.
    const talk = readLine(l.rest, l.line, vocabulary) ?? (l.end && l.rest.length <= MAX_LINE ? titled(l.rest.replace(TALK_PREFIX, ''), [], vocabulary) : null);
    if (!talk) return [];
    // A slot ends when the next begins, never before it starts.
    const next = lines[i + 1]?.start ?? null;
    const end = l.end ?? (next !== null && next > l.start ? next : null);
    return [{ ...talk, startTime: l.start, endTime: end !== null && end > l.start ? end : null, abstract: null, takeaways: null, line: l.line, blocks: [] }];
  });
}

/** The lines of a code block or a paragraph of lines that open with a time. */
function timedLines(node: RootContent): TimedLine[] {
  if (node.type === 'list') {
    return node.children.flatMap((item) => {
      const m = TIMED_LINE.exec(textOf(item).split('\n')[0] ?? '');
      const start = m?.[5] ? clock(m[1], m[2]) : null;
      return m?.[5] && start ? [{ start, end: m[3] ? clock(m[3], m[4]) : null, rest: m[5].trim(), line: lineOf(item) }] : [];
    });
  }
  if (node.type !== 'code' && node.type !== 'paragraph') return [];
  const text = node.type === 'code' ? (node as Code).value : textOf(node as Paragraph);
  const first = lineOf(node);
  // A fenced block's first line is its fence; an indented block's lines are all content.
  const span = node.position ? node.position.end.line - node.position.start.line + 1 : 0;
  const offset = node.type === 'code' && span > text.split('\n').length ? 1 : 0;
  const out: TimedLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = TIMED_LINE.exec(raw);
    if (!m?.[5]) return;
    const start = clock(m[1], m[2]);
    if (!start) return;
    out.push({ start, end: m[3] ? clock(m[3], m[4]) : null, rest: m[5].trim(), line: first === null ? null : first + i + offset });
  });
  return out;
}

function clock(h: string | undefined, m: string | undefined): string | null {
  const hour = Number(h);
  const minute = Number(m);
  if (!(hour >= 0 && hour <= 24 && minute >= 0 && minute < 60)) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The title and presenters of one line, or null when it names no presenter. */
function readLine(rest: string, line: number | null, vocabulary: Vocabulary): { title: string; speakers: PersonFound[] } | null {
  // A schedule line is short; a long one is not read (and the patterns below stay linear).
  if (rest.length > MAX_LINE) return null;
  const text = rest.replace(TALK_PREFIX, '').replace(/\s+https?:\/\/\S+$/u, '').trim();
  const person = (name: string, affiliation: string | null): PersonFound => ({ name, aliases: [], affiliation, bio: null, line });
  const by = BY.exec(text);
  if (by?.[1] && by[2]) {
    const names = by[2].split(/\s*(?:,|&|\band\b)\s*/u).filter(Boolean);
    if (names.length > 0 && names.every((n) => isPersonName(n, { twoWords: true }))) return titled(by[1], names.map((n) => person(n, names.length === 1 ? (by[3]?.trim() ?? null) : null)), vocabulary);
  }
  const dash = DASH.exec(text);
  if (dash?.[1] && dash[2]) {
    const [left, right] = [dash[1].trim(), dash[2].trim()];
    // Schedules write "Title - Name" far more often than "Name - Title": when both sides could be
    // a name ("React Server Components - Jane Doe"), the right one is.
    if (isPersonName(right, { twoWords: true })) return titled(left, [person(right, null)], vocabulary);
    if (isPersonName(left, { twoWords: true })) return titled(right, [person(left, null)], vocabulary);
  }
  return null;
}

function titled(raw: string, speakers: PersonFound[], vocabulary: Vocabulary): { title: string; speakers: PersonFound[] } | null {
  const title = cleanTitle(raw);
  return title && !isNonTalk(title, vocabulary) ? { title, speakers } : null;
}
