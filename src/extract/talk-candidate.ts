import type { RootContent } from 'mdast';
import type { ResourceKind } from '../model/records.js';
import type { SpeakerIntro } from './speaker-intro.js';

/** A link a layout already knows to be a talk's resource (a deck under its 资料下载 label). */
export interface TalkLink {
  readonly url: string;
  readonly title: string | null;
  readonly kind: ResourceKind;
  readonly line: number | null;
}

/** A person as one layout found them, before the page's people are joined. */
export interface PersonFound extends SpeakerIntro {
  readonly bio: string | null;
  /** Body line. */
  readonly line: number | null;
}

/** Who found a talk: merging and the session-topic rule weigh findings by it. */
export interface Origin {
  /** The layout's name: findings of one layout are distinct talks, never merged with each other. */
  readonly layout: string;
  /** When two findings of one talk disagree, the lower priority's title and facts win. */
  readonly priority: number;
  /** Found in a schedule, which pages copy from one another (see single-talk.ts). */
  readonly schedule: boolean;
}

/** What a layout finds of one talk; findings of the same talk are merged by title. */
export interface Finding {
  readonly title: string;
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly speakers: readonly PersonFound[];
  readonly abstract: string | null;
  readonly takeaways: string | null;
  /** Body line of the title. */
  readonly line: number | null;
  /** Blocks that belong to the talk: links in them are the talk's projects and resources. */
  readonly blocks: readonly RootContent[];
  /** Resource links the layout tied to this talk. */
  readonly links?: readonly TalkLink[];
}

/** A finding with the layout that made it. */
export interface TalkCandidate extends Finding {
  readonly origin: Origin;
}
