import type { RootContent } from 'mdast';
import type { ResourceKind, ResourceRecord, SourceRef, TalkRecord } from '../model/records.js';
import { isGenericLinkText, isImageUrl, isPlaceholderText, isSignupPage, kindOfLabel, kindOfUrl, projectOf } from './links.js';
import type { Locate } from './locate.js';
import { linksIn } from './mdast.js';
import type { PageView } from './page-view.js';
import type { LabelledValue } from './summary.js';
import type { TalkCandidate } from './talk-candidate.js';
import { sameTitle, titleOfLinkText } from './titles.js';

/** Resources met on a page, once per URL; the first mention that ties one to a talk wins. */
export class ResourceList {
  private readonly byUrl = new Map<string, { url: string; title: string | null; kind: ResourceKind; talk: number | null; source: SourceRef }>();

  add(url: string, title: string | null, kind: ResourceKind, talk: number | null, source: SourceRef): void {
    const known = this.byUrl.get(url);
    if (!known) this.byUrl.set(url, { url, title, kind, talk, source });
    else if (known.talk === null && talk !== null) known.talk = talk;
  }

  has(kind: ResourceKind): boolean {
    return [...this.byUrl.values()].some((r) => r.kind === kind);
  }

  /** With a single talk on the page, every resource is that talk's. */
  list(talkCount: number): ResourceRecord[] {
    return [...this.byUrl.values()].map((r) => ({ ...r, talk: r.talk ?? (talkCount === 1 ? 0 : null) }));
  }
}

/**
 * The page's resources: links its talks' layouts tied to them, then links under a summary label,
 * then links whose address alone says what they are.
 */
export function pageResources(talks: readonly TalkCandidate[], records: readonly TalkRecord[], view: PageView, at: Locate): ResourceList {
  const resources = new ResourceList();
  talks.forEach((t, i) => {
    for (const link of t.links ?? []) resources.add(link.url, link.title, link.kind, i, at(link.line));
  });
  for (const value of view.labelled) collectLabelledResources(value, records, resources, at);
  collectShapedResources(view.outside, resources, at);
  // A deck or a recording linked inside a talk's own blocks is that talk's.
  talks.forEach((t, i) => {
    for (const block of t.blocks) {
      for (const link of linksIn(block)) {
        if (isImageUrl(link.url) || projectOf(link.url)) continue;
        const kind = kindOfUrl(link.url, link.text);
        if (kind) resources.add(link.url, linkTitle(link.text, link.url), kind, i, at(link.line));
      }
    }
  });
  return resources;
}

/** Links under a summary label (资料下载, 直播间地址 …); a link naming a talk belongs to it. */
function collectLabelledResources(
  value: LabelledValue,
  talks: readonly TalkRecord[],
  resources: ResourceList,
  at: Locate,
): void {
  const kind = kindOfLabel(value.role);
  if (!kind) return;
  for (const link of value.links) {
    if (isImageUrl(link.url) || projectOf(link.url) || isPlaceholderText(link.text)) continue;
    const title = linkTitle(link.text, link.url);
    const talk = title ? talks.findIndex((t) => sameTitle(t.title, title)) : -1;
    resources.add(link.url, title, kindOfUrl(link.url, '') === 'LIVESTREAM' ? 'LIVESTREAM' : kind, talk === -1 ? null : talk, at(link.line));
  }
}

/** Links whose address alone says what they are (a live room, a video page, an event's sign-up page) anywhere else. */
function collectShapedResources(nodes: readonly RootContent[], resources: ResourceList, at: Locate): void {
  for (const node of nodes) {
    for (const link of linksIn(node)) {
      if (isImageUrl(link.url) || projectOf(link.url)) continue;
      const kind = isSignupPage(link.url) ? 'SIGNUP' : kindOfUrl(link.url, link.text);
      if (kind === 'LIVESTREAM' || kind === 'VIDEO' || kind === 'SIGNUP') resources.add(link.url, linkTitle(link.text, link.url), kind, null, at(link.line));
    }
  }
}

/** A link's text as a title, unless it only repeats the address or says "here". */
export function linkTitle(text: string, url: string): string | null {
  const title = titleOfLinkText(text);
  if (!title || title === url || isGenericLinkText(title)) return null;
  return title;
}
