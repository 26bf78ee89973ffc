import { mergeTalks } from '../merge-talks.js';
import type { PageView } from '../page-view.js';
import type { TalkCandidate } from '../talk-candidate.js';
import { agendaLines } from './agenda-lines.js';
import { agendaTables } from './agenda-table.js';
import { labelledTalks } from './labelled-talks.js';
import { originOf, type Layout } from './layout.js';
import { nameThenTitle } from './name-then-title.js';
import { resourceTitles } from './resource-titles.js';
import { scheduleLines } from './schedule-lines.js';
import { speakerItems } from './speaker-items.js';
import { detailSections } from './sections.js';
import { titleByName } from './title-by-name.js';

/** Every layout the service reads. A new layout is a file in this folder and a line here. */
export const LAYOUTS: readonly Layout[] = [detailSections, agendaTables, agendaLines, titleByName, nameThenTitle, scheduleLines, speakerItems, labelledTalks, resourceTitles];

/**
 * The talks of a page: what every layout finds, merged by title. Fallback layouts are read only
 * when the others find nothing.
 */
export function findTalks(page: PageView, layouts: readonly Layout[] = LAYOUTS): TalkCandidate[] {
  const run = (some: readonly Layout[]) => mergeTalks(some.flatMap((layout) => layout.find(page).map((finding) => ({ ...finding, origin: originOf(layout) }))));
  const talks = run(layouts.filter((l) => !l.fallback));
  return talks.length > 0 ? talks : run(layouts.filter((l) => l.fallback));
}
