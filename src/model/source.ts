import type { Diagnostic } from './diagnostics.js';
import type { Graph } from './graph.js';

/** What one reload changed, as subscribers see it. */
export interface ContentChange {
  /** Pages added or edited (paths relative to the content folder). */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** Every diagnostic of the content after the change. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Hands each request the graph that is current when it starts, and tells of reloads. */
export interface GraphSource {
  current(): Graph;
  onChange?(listener: (change: ContentChange) => void): () => void;
  /** Why the source cannot follow its content now although it still answers (its folder is gone), or null. */
  problem?(): string | null;
}
