import type { LabelledValue } from '../summary.js';
import { splitPeople } from '../people.js';
import type { Finding, PersonFound } from '../talk-candidate.js';
import type { Layout } from './layout.js';
import { cleanTitle, quotedTitleIn } from '../titles.js';
import type { Vocabulary } from '../vocabulary.js';
import { parseClock } from '../when.js';

/**
 * Talks stated as labelled lines ("分享主题：…" then "分享嘉宾：…", "直播时间：…"), the way
 * single-session pages describe their one talk.
 */
export const labelledTalks: Layout = {
  name: 'labelled-lines',
  priority: 2,
  find: (page) => talksFromLabelledValues(page.labelled, page.vocabulary),
};

function talksFromLabelledValues(values: readonly LabelledValue[], vocabulary: Vocabulary): Finding[] {
  const out: { title: string; line: number | null; speakers: PersonFound[]; startTime: string | null; endTime: string | null }[] = [];
  for (const v of values) {
    if (v.role === 'talkTitle') {
      out.push({ title: cleanTitle(quotedTitleIn(v.value) ?? v.value), line: v.line, speakers: [], startTime: null, endTime: null });
      continue;
    }
    const current = out[out.length - 1];
    if (!current) continue;
    if (v.role === 'speaker') current.speakers.push(...splitPeople(v.value, v.line, { vocabulary }));
    if (v.role === 'time' && !current.startTime) Object.assign(current, parseClock(v.value));
  }
  return out
    .filter((t) => t.title.length > 0)
    .map((t) => ({ ...t, abstract: null, takeaways: null, blocks: [] }));
}
