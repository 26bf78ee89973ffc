import type { LabelledValue } from '../summary.js';
import type { Finding } from '../talk-candidate.js';
import type { Layout } from './layout.js';
import { isGenericLinkText, isImageUrl, isPlaceholderText, kindOfLabel, projectOf } from '../links.js';
import { matchLabel, type Vocabulary } from '../vocabulary.js';
import { sameTitle, titleOfLinkText } from '../titles.js';


/**
 * When a page describes no talk anywhere else (its agenda is an image), the titled decks and
 * replays it lists are its talks: "[《Service Mesh 落地之后》](…pdf)". A deck and a replay of the
 * same title are one talk.
 */
export const resourceTitles: Layout = {
  name: 'resource-titles',
  priority: 3,
  fallback: true,
  find: (page) => talksFromResourceTitles(page.labelled, page.vocabulary),
};

function talksFromResourceTitles(labelled: readonly LabelledValue[], vocabulary: Vocabulary): Finding[] {
  const out: Finding[] = [];
  for (const value of labelled) {
    const kind = kindOfLabel(value.role);
    if (kind !== 'SLIDES' && kind !== 'VIDEO') continue;
    for (const link of value.links) {
      if (isImageUrl(link.url) || projectOf(link.url)) continue;
      const title = titleOfLinkText(link.text);
      // Link texts that are labels themselves ("[直播视频回顾](…)") or placeholders name no talk.
      if (!title || isGenericLinkText(title) || title.length < 4 || matchLabel(title, vocabulary) || isPlaceholderText(title)) continue;
      if (out.some((t) => sameTitle(t.title, title))) continue;
      out.push({ title, startTime: null, endTime: null, speakers: [], abstract: null, takeaways: null, line: link.line, blocks: [] });
    }
  }
  return out;
}
