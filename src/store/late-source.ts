import type { Graph } from '../model/graph.js';
import type { ContentChange, GraphSource } from '../model/source.js';

/**
 * A graph source that exists before its content does: the server listens (and answers
 * `/healthz`, and 503 on `/readyz`) while the pages load, then `resolve` hands it the store.
 * Listeners registered early are passed on to the store then.
 */
export class LateSource implements GraphSource {
  private source: GraphSource | null = null;
  private readonly early: ((change: ContentChange) => void)[] = [];
  /** Where an early listener's unsubscribe from the store goes once it has one. */
  private readonly handovers = new Map<(change: ContentChange) => void, (unsubscribe: () => void) => void>();

  get ready(): boolean {
    return this.source !== null;
  }

  resolve(source: GraphSource): void {
    this.source = source;
    for (const listener of this.early.splice(0)) {
      const unsubscribe = source.onChange?.(listener);
      if (unsubscribe) this.handovers.get(listener)?.(unsubscribe);
    }
    this.handovers.clear();
  }

  problem(): string | null {
    return this.source?.problem?.() ?? null;
  }

  current(): Graph {
    if (!this.source) throw new Error('the content is still loading');
    return this.source.current();
  }

  onChange(listener: (change: ContentChange) => void): () => void {
    if (this.source?.onChange) return this.source.onChange(listener);
    this.early.push(listener);
    let unsubscribe: (() => void) | undefined;
    this.handovers.set(listener, (stop) => (unsubscribe = stop));
    return () => {
      const at = this.early.indexOf(listener);
      if (at >= 0) this.early.splice(at, 1);
      unsubscribe?.();
    };
  }
}
