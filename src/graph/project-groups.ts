import type { Project } from '../model/graph.js';
import type { Ordering } from './shift.js';
import type { FirstMentioned, MentionPage } from './speaker-groups.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/**
 * One Project per slug across pages: named and linked as the first page (in path order) links
 * it, with every page's link as a source. Only slugs passing `include` are merged: a reload merges
 * again just the projects a changed page links, and must then be given every page linking them.
 */
export function mergeProjects(
  pages: readonly MentionPage[],
  include: (slug: string) => boolean,
  order: Ordering,
): FirstMentioned<Project>[] {
  const projects = new Map<string, { value: Mutable<Project>; path: string; index: number; talks: Set<string>; events: Set<string> }>();
  for (const { record, eventId, talkIds } of pages) {
    record.projects.forEach((p, index) => {
      if (!include(p.slug)) return;
      let project = projects.get(p.slug);
      if (!project) {
        const value = { id: p.slug, slug: p.slug, name: p.label ?? p.slug, url: p.url, talkIds: [], eventIds: [], sources: [] };
        project = { value, path: record.sourcePath, index, talks: new Set(), events: new Set() };
        projects.set(p.slug, project);
      }
      project.value.sources.push(p.source);
      project.events.add(eventId);
      for (const i of p.talks) {
        const talkId = talkIds[i];
        if (talkId) project.talks.add(talkId);
      }
    });
  }
  return [...projects.values()].map(({ value, path, index, talks, events }) => {
    value.talkIds = [...talks].sort(order.talks);
    value.eventIds = [...events].sort(order.events);
    return { value, path, index };
  });
}
