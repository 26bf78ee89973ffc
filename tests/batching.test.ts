import { graphql } from 'graphql';
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

async function batchCallsFor(eventCount: number): Promise<number> {
  const context = createContext(buildGraph(meetups(eventCount)));
  const result = await graphql({ schema, source: AGGREGATE, contextValue: context });
  expect(result.errors).toBeUndefined();
  // The fixture really is cross-meetup: a speaker's talks span two events.
  const json = JSON.stringify(result.data);
  expect(json).toContain(`"name":"${speakerName(1)}","talks":[`);
  return context.batchCalls.count;
}

describe('relation loading', () => {
  it('makes the same small number of batch calls for 5 events as for 80', async () => {
    const few = await batchCallsFor(5);
    const many = await batchCallsFor(80);
    // At most one batch per level: talks, speakers, their talks (here already cached), events.
    expect(few).toBeGreaterThanOrEqual(3);
    expect(few).toBeLessThanOrEqual(4);
    expect(many).toBe(few);
  });
});
