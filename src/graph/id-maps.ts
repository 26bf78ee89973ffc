import type { Event, Graph, Resource, Talk } from '../model/graph.js';
import type { PageParts } from './page-parts.js';
import { VersionedMap } from './versioned-map.js';

type Changes<V> = Map<string, V | undefined>;
export type IdMaps = Pick<Graph, 'events' | 'talks' | 'resources'>;

/**
 * The event, talk and resource maps of each graph version, in page order. A new version shares
 * its unchanged entries with the one before (VersionedMap); what changed costs what it holds.
 */
export class PageOrderedMaps {
  /** Each page's parts (null for a page that did not load), in path order; never modified once made. */
  private inOrder: readonly (PageParts | null)[] | null = null;

  /** Pages came or went: the next update lists every page's parts afresh. */
  invalidate(): void {
    this.inOrder = null;
  }

  /**
   * The maps after `replaced` parts gave way to `added` ones.
   * @param paths Every page's path, in order.
   * @param partsAt The parts built for a path (after this update).
   * @param indexOf Where a path sits in `paths`.
   */
  update(
    previous: IdMaps,
    paths: readonly string[],
    partsAt: (path: string) => PageParts | null,
    indexOf: (path: string) => number,
    replaced: readonly PageParts[],
    added: readonly (readonly [string, PageParts])[],
  ): IdMaps {
    if (!this.inOrder) {
      this.inOrder = paths.map(partsAt);
    } else {
      const next = [...this.inOrder];
      for (const [path, parts] of added) next[indexOf(path)] = parts;
      this.inOrder = next;
    }
    const inOrder = this.inOrder;
    const events: Changes<Event> = new Map();
    const talks: Changes<Talk> = new Map();
    const resources: Changes<Resource> = new Map();
    for (const parts of replaced) {
      events.set(parts.event.id, undefined);
      for (const t of parts.talks) talks.set(t.id, undefined);
      for (const id of parts.resources.keys()) resources.set(id, undefined);
    }
    for (const [, parts] of added) {
      events.set(parts.event.id, parts.event);
      for (const t of parts.talks) talks.set(t.id, t);
      for (const [id, r] of parts.resources) resources.set(id, r);
    }
    const next = <V>(map: ReadonlyMap<string, V>, changes: Changes<V>, ordered: () => Iterable<readonly [string, V]>) =>
      map instanceof VersionedMap ? (map as VersionedMap<string, V>).with(changes, ordered) : VersionedMap.of(ordered);
    return {
      events: next(previous.events, events, function* () {
        for (const parts of inOrder) if (parts) yield [parts.event.id, parts.event] as const;
      }),
      talks: next(previous.talks, talks, function* () {
        for (const parts of inOrder) if (parts) for (const t of parts.talks) yield [t.id, t] as const;
      }),
      resources: next(previous.resources, resources, function* () {
        for (const parts of inOrder) if (parts) yield* parts.resources;
      }),
    };
  }
}
