import { frontMatterFields } from './front-matter-schema.js';

/** A text value somewhere in a page's front matter, by its key path (`section1.time`). */
export interface FrontMatterLeaf {
  /** The keys leading to it; list positions count as keys (`speakers.0.name`). */
  readonly path: readonly string[];
  readonly value: string;
}

/** Deep enough for any site's front matter; a document nested deeper is not walked further. */
const MAX_DEPTH = 8;
const MAX_LEAVES = 500;

/**
 * Every text (and number) value of the front matter outside the fields the schema reads, with
 * its key path: sites state their event's facts under names and nestings of their own
 * (`section1.time`, `event_date`, `location.address`), which extraction recognises by key and value.
 */
export function frontMatterLeaves(data: Readonly<Record<string, unknown>>): FrontMatterLeaf[] {
  const out: FrontMatterLeaf[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (out.length >= MAX_LEAVES || path.length > MAX_DEPTH) return;
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value).trim();
      if (text) out.push({ path, value: text });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  for (const [key, value] of Object.entries(data)) {
    if (!(key in frontMatterFields)) walk(value, [key]);
  }
  return out;
}
