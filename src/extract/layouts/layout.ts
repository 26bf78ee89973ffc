import type { PageView } from '../page-view.js';
import type { Finding, Origin } from '../talk-candidate.js';

/**
 * One way meetup pages write their talks down (an agenda table, detail sections, "Title by Name"
 * lines …). Each layout reads the page on its own; what they find is merged by title, so a talk
 * met in the agenda, a detail section and the slide list is one talk. Registered in registry.ts.
 */
export interface Layout {
  /** Names its findings: findings of one layout are distinct talks, never merged with each other. */
  readonly name: string;
  /** When findings of two layouts name the same talk, the lower number's title and facts win. */
  readonly priority: number;
  /** Its rows are a schedule, which pages copy from one another (the session-topic rule doubts a lone one). */
  readonly schedule?: boolean;
  /** Read only when no other layout found a talk (titled slides when the agenda is an image). */
  readonly fallback?: boolean;
  /** The talks this layout finds on a page. */
  find(page: PageView): Finding[];
}

/** How a layout's findings are marked. */
export function originOf(layout: Layout): Origin {
  return { layout: layout.name, priority: layout.priority, schedule: layout.schedule ?? false };
}
