import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Graph } from '../../src/model/graph.js';
import { meetupPage } from './meetup-page.js';

const DIGITS = '零一二三四五六七八九';
/** A distinct Chinese name per number: 讲者一二 for 12. */
const speakerName = (i: number) => `讲者${[...String(i)].map((d) => DIGITS[Number(d)]).join('')}`;

/**
 * A content folder (path → text) of `events` small meetup pages of `talksPerEvent` talks, given
 * in turn by `speakers` people, so each person talks at many meetups: the shape that makes
 * event → talks → speakers → talks … grow with every level.
 */
export function busySpeakerPages(events: number, talksPerEvent: number, speakers: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < events; i++) {
    const day = `2021-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const talks = Array.from({ length: talksPerEvent }, (_, t) => ({ title: `第 ${i} 期议题 ${t + 1}`, speaker: speakerName((i * talksPerEvent + t) % speakers) }));
    files[`zh/activities/meetup-${i}/index.md`] = meetupPage({ title: `示例 Meetup#${i}`, day, tags: ['示例'], talks });
  }
  return files;
}

/**
 * The amplification attack of issue 12: a small request asking for `ids` by global id, each
 * event walked to its talks, their speakers, all their talks and those talks' speakers.
 */
export const NODES_ATTACK = `query Attack($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Event { title talks { title speakers { name talks { title speakers { name } } } } } }
}`;

/** `count` global ids of the graph's events, cycling through them (an attacker may repeat ids). */
export function eventIds(graph: Graph, count: number): string[] {
  const ids = graph.eventOrder;
  return Array.from({ length: count }, (_, i) => encodeGlobalID('Event', ids[i % ids.length] ?? ''));
}
