import { isHostLine, PANEL } from './people.js';
import type { Origin, PersonFound, TalkCandidate } from './talk-candidate.js';
import { cleanTitle, quotedTitleIn, sameTitle, titleSimilarity } from './titles.js';

/** A talk the page implies by its title alone: every finding of a layout outweighs it. */
const SESSION_TOPIC: Origin = { layout: 'session-topic', priority: Number.MAX_SAFE_INTEGER, schedule: false };

/**
 * The topic of a numbered session title: "示例频道#20：消息队列的顺序保证" →
 * "消息队列的顺序保证"; "示例频道#34《A》——社区" → "A". Null for other titles.
 */
export function seriesTopic(title: string): string | null {
  // "Name#20" with the number right after the sign; "C# 10" is a language, not an edition.
  const m = /[\p{L}\p{N}]{2}\s*[#＃]\d+\s*[：:|｜\-—\s]*(.+)$/u.exec(title);
  if (!m?.[1]) return null;
  const topic = quotedTitleIn(m[1]) ?? cleanTitle(m[1]);
  return topic.length >= 4 ? topic : null;
}

/** Words that announce a page rather than name its talk: "直播预告：", "Webinar |", "回顾 -". */
const KICKER = /^\s*(?:[【\[]?(?:直播预告|直播回顾|活动预告|活动回顾|预告|回顾|直播|Webinar|Livestream|Live|Recap)[】\]]?)\s*[：:|｜\-—–]\s*/iu;

/** The page title as its talk's title, without the word that announces the page. */
function withoutKicker(title: string): string {
  const topic = cleanTitle(title.replace(KICKER, ''));
  return topic.length >= 2 ? topic : cleanTitle(title);
}

/**
 * A one-session event (a numbered channel or webinar) is one talk about the topic of its title.
 * When its only agenda item carries an unrelated title (copied from an earlier page), the title
 * the page is published under wins; when the page describes no talk at all but introduces its
 * guests, the session is one talk by them. A page that describes one talk's content (an
 * abstract of its own) and introduces its presenters, but names no talk, is that talk: its title
 * is the page's.
 */
export function applySessionTopic(eventTitle: string, talks: TalkCandidate[], guests: readonly PersonFound[], describesTalk = false): TalkCandidate[] {
  const topic = seriesTopic(eventTitle) ?? (describesTalk && talks.length === 0 ? withoutKicker(eventTitle) : null);
  if (!topic) return talks;
  const [only] = talks;
  if (talks.length === 1 && only) {
    // Only a schedule row can be a stale copy; a detail section or a labelled title is the page's own.
    if (!only.origin.schedule || sameTitle(only.title, topic) || titleSimilarity(only.title, topic) >= 0.5) return talks;
    return [{ ...only, title: topic }];
  }
  const presenters = guests.filter((g) => !isHostLine(g.bio ?? ''));
  // A panel has more people on stage than a talk.
  const most = PANEL.test(topic) ? 8 : 3;
  if (talks.length === 0 && presenters.length >= 1 && presenters.length <= most) {
    return [{ title: topic, startTime: null, endTime: null, speakers: presenters, abstract: null, takeaways: null, line: null, blocks: [], origin: SESSION_TOPIC }];
  }
  return talks;
}
