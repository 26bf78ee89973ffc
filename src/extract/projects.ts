import type { Root, RootContent } from 'mdast';
import type { ProjectLink, SourceRef } from '../model/records.js';
import { projectOf } from './links.js';
import type { Locate } from './locate.js';
import { linksIn } from './mdast.js';
import type { TalkCandidate } from './talk-candidate.js';

/** Projects linked on a page, once per slug: the first link names it; every talk linking it is kept. */
export class ProjectList {
  private readonly bySlug = new Map<string, { slug: string; url: string; label: string | null; talks: Set<number>; source: SourceRef }>();

  add(project: { readonly slug: string; readonly url: string; readonly label: string | null }, talks: Iterable<number>, source: SourceRef): void {
    let entry = this.bySlug.get(project.slug);
    if (!entry) {
      entry = { slug: project.slug, url: project.url, label: project.label, talks: new Set(), source };
      this.bySlug.set(project.slug, entry);
    }
    for (const talk of talks) entry.talks.add(talk);
  }

  list(): ProjectLink[] {
    return [...this.bySlug.values()].map((p) => ({ ...p, talks: [...p.talks].sort((a, b) => a - b) }));
  }
}

/** Every code-hosting link of the body, once per project, with the talks whose blocks hold it. */
export function collectProjects(tree: Root, talks: readonly TalkCandidate[], at: Locate): ProjectList {
  const projects = new ProjectList();
  const talkOf = new Map<RootContent, number>();
  talks.forEach((t, i) => t.blocks.forEach((b) => talkOf.set(b, i)));
  // A talk may be one item of a list or one row of a table (an agenda line), so those are read item by item.
  const blocks = tree.children.flatMap((node): RootContent[] => ((node.type === 'list' || node.type === 'table') && !talkOf.has(node) ? node.children : [node]));
  for (const node of blocks) {
    const talk = talkOf.get(node);
    for (const link of linksIn(node)) {
      const project = projectOf(link.url);
      if (project) projects.add({ slug: project.slug, url: project.url, label: project.name }, talk === undefined ? [] : [talk], at(link.line));
    }
  }
  return projects;
}
