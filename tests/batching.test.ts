import { graphql } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createContext } from '../src/schema/context.js';
import { buildGraph } from '../src/graph/graph-builder.js';
import { readPage } from '../src/store/load-page.js';
import { schema } from '../src/schema/index.js';

const DIGITS = '零一二三四五六七八九';
/** A distinct Chinese name per number: 讲者一二 for 12. */
const speakerName = (i: number) => `讲者${[...String(i)].map((d) => DIGITS[Number(d)]).join('')}`;

/** N meetups of two talks each; every speaker also talks at the next meetup. */
function meetups(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const text = `---\ntitle: Meetup ${i}\ndate: 2021-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00+08:00\n---\n\n` +
      `**《第 ${i} 期议题甲》**\n\n**嘉宾介绍**\n\n${speakerName(i)}，示例集团工程师。\n\n` +
      `**《第 ${i} 期议题乙》**\n\n**嘉宾介绍**\n\n${speakerName(i + 1)}，示例集团工程师。\n`;
    const { record } = readPage({ sourcePath: `zh/m${String(i).padStart(3, '0')}/index.md`, slug: `m${i}`, language: 'zh', isSection: false }, text);
    if (!record) throw new Error('fixture did not load');
    return record;
  });
}

const AGGREGATE = `{ events(first: 100) { edges { node { title talks { title speakers { name talks { title event { title } } } } } } } }`;

async function batchCallsFor(eventCount: number, query: (graph: ReturnType<typeof buildGraph>) => string): Promise<number> {
  const graph = buildGraph(meetups(eventCount));
  const context = createContext(graph);
  const result = await graphql({ schema, source: query(graph), contextValue: context });
  expect(result.errors).toBeUndefined();
  // The fixture really is cross-meetup: a speaker's talks span two events.
  expect(JSON.stringify(result.data)).toContain(speakerName(1));
  return context.batchCalls.count;
}

/** Global ids of every event and speaker, as a client that listed them would send back. */
function everyNode(graph: ReturnType<typeof buildGraph>): string {
  const ids = [...[...graph.events.keys()].map((id) => encodeGlobalID('Event', id)), ...[...graph.speakers.keys()].map((id) => encodeGlobalID('Speaker', id))];
  return `{ nodes(ids: ${JSON.stringify(ids)}) { __typename ... on Event { title } ... on Speaker { name } } }`;
}

describe('relation loading', () => {
  it('reads relations from the graph directly: the cross-meetup aggregate makes no loader calls, for 5 events or 80', async () => {
    expect(await batchCallsFor(5, () => AGGREGATE)).toBe(0);
    expect(await batchCallsFor(80, () => AGGREGATE)).toBe(0);
  });

  it('batches node lookups: nodes(ids:) makes the same small number of batch calls for 5 events as for 80', async () => {
    const few = await batchCallsFor(5, everyNode);
    const many = await batchCallsFor(80, everyNode);
    // One batch per type asked for (events, speakers), however many ids.
    expect(few).toBeGreaterThanOrEqual(1);
    expect(few).toBeLessThanOrEqual(2);
    expect(many).toBe(few);
  });
});
