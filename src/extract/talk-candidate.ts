import type { RootContent } from 'mdast';
import type { ResourceKind } from '../model/records.js';
import type { SpeakerIntro } from './speaker-intro.js';

/** A link a strategy already knows to be a talk's resource (a deck under its 资料下载 label). */
export interface TalkLink {
  readonly url: string;
  readonly title: string | null;
  readonly kind: ResourceKind;
  readonly line: number | null;
}

/** A person as one strategy found them, before the page's people are joined. */
export interface PersonFound extends SpeakerIntro {
  readonly bio: string | null;
  /** Body line. */
  readonly line: number | null;
}

/** Where on the page a talk was found; earlier kinds win when two findings disagree. */
export type TalkOrigin = 'section' | 'agenda' | 'labelled' | 'resources' | 'theme';

/** One strategy's partial view of a talk. Findings of the same talk are merged by title. */
export interface TalkCandidate {
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
  /** Resource links the strategy tied to this talk. */
  readonly links?: readonly TalkLink[];
  readonly origin: TalkOrigin;
}
