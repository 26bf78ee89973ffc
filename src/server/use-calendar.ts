import type { Plugin } from 'graphql-yoga';
import type { Event, Graph } from '../model/graph.js';
import { eventIdBySlug } from '../queries/event-by-slug.js';
import { selectEvents } from '../queries/select-events.js';
import { apiError, apiErrorStatus, type ApiError } from '../model/api-errors.js';
import type { GraphSource } from '../model/source.js';
import { calendarOf } from '../render/event-calendar.js';
import { silentLog, type Log } from '../model/log.js';
import { requestIdOf } from './request-id.js';

const EVENT_PATH = /^\/events\/([^/]+)\.ics$/;
const ALL_EVENTS_NAME = 'Meetups';

type FetchAPI = Parameters<NonNullable<Plugin['onRequest']>>[0]['fetchAPI'];

/**
 * Serves iCalendar files beside the GraphQL endpoint: `GET /calendar.ics` (all events, narrowed
 * by `?series=`, `?city=`, `?language=`) and `GET /events/{slug}.ics` (one event, `?language=`
 * picks among translations). Other paths fall through to Yoga. An internal error is logged with
 * the request's id and answered `internal error`, nothing more.
 */
export function useCalendar(source: GraphSource, log: Log = silentLog): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const eventMatch = EVENT_PATH.exec(url.pathname);
      if (url.pathname !== '/calendar.ics' && !eventMatch) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(textError(fetchAPI, apiError('METHOD_NOT_ALLOWED'), apiErrorStatus('METHOD_NOT_ALLOWED'), { allow: 'GET, HEAD' }));
        return;
      }
      try {
        endResponse(calendarAnswer(source, url, eventMatch, request.method === 'HEAD', fetchAPI));
      } catch (error) {
        // Outside GraphQL, so outside Yoga's masking: thrown from here, the Node adapter would
        // answer with the stack.
        log.error({ requestId: requestIdOf(request), err: error, path: url.pathname }, `internal error: ${error instanceof Error ? error.message : String(error)}`);
        endResponse(textError(fetchAPI, apiError('INTERNAL_ERROR'), apiErrorStatus('INTERNAL_ERROR')));
      }
    },
  };
}

/** The calendar a request asks for, or the error saying it does not exist. */
function calendarAnswer(source: GraphSource, url: URL, eventMatch: RegExpExecArray | null, head: boolean, fetchAPI: FetchAPI): Response {
  // One snapshot per request: a reload mid-request must not mix two versions of the content.
  const graph = source.current();
  const language = param(url, 'language');
  const describe = (event: Event) => talkList(graph, event);
  if (eventMatch) {
    const slug = decodeSlug(eventMatch[1] ?? '');
    const id = slug === null ? undefined : eventIdBySlug(graph, slug, language);
    const event = id === undefined ? undefined : graph.events.get(id);
    if (!event) return textError(fetchAPI, apiError('NO_SUCH_EVENT', { slug: slug ?? eventMatch[1] ?? '', language }), apiErrorStatus('NO_SUCH_EVENT'));
    return calendarResponse(fetchAPI, calendarOf([event], { name: event.title, describe }), `${event.slug}.ics`, head);
  }
  const series = param(url, 'series');
  const events = selectEvents(graph, { series, city: param(url, 'city'), language });
  return calendarResponse(fetchAPI, calendarOf(events, { name: series ?? ALL_EVENTS_NAME, describe }), 'calendar.ics', head);
}


/** One line per talk: local time range when known, title, speakers. */
function talkList(graph: Graph, event: Event): string {
  const lines: string[] = [];
  for (const talkId of event.talkIds) {
    const talk = graph.talks.get(talkId);
    if (!talk) continue;
    // The offset is the event's own, so the written clock is the local time attendees see.
    const time = [talk.startsAt, talk.endsAt].map((t) => t?.slice(11, 16)).filter((t): t is string => Boolean(t)).join('–');
    const speakers = talk.speakerIds.map((id) => graph.speakers.get(id)?.name).filter((n): n is string => Boolean(n));
    lines.push(`- ${time ? `${time} ` : ''}${talk.title}${speakers.length ? ` (${speakers.join(', ')})` : ''}`);
  }
  return lines.join('\n');
}

/** A trimmed query parameter; empty counts as absent so `?city=` does not filter everything out. */
function param(url: URL, name: string): string | null {
  const value = url.searchParams.get(name)?.trim();
  return value ? value : null;
}

/** The slug from the path, or null when its percent-encoding is malformed. */
function decodeSlug(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The calendar response; HEAD gets the same headers without a body. */
function calendarResponse(fetchAPI: FetchAPI, body: string, filename: string, head: boolean): Response {
  return new fetchAPI.Response(head ? null : body, {
    status: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': contentDisposition(filename),
      'content-length': String(Buffer.byteLength(body)),
    },
  });
}

/**
 * Header values must be Latin-1, and slugs may be Chinese: an ASCII `filename` for old clients
 * and the exact name as RFC 5987 `filename*`.
 */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** An error of the catalogue as a calendar client reads it: a line of text, its code in a header. */
function textError(fetchAPI: FetchAPI, error: ApiError, status: number, headers: Record<string, string> = {}): Response {
  return new fetchAPI.Response(`${error.message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-error-code': error.extensions.code, ...headers },
  });
}
