/**
 * The keys under which two spellings name the same thing: a person, a talk, a series, a project.
 * Extraction, the graph and queries compare by these, so they are defined once, here.
 */

const nameKeys = new Map<string, string>();

/** Width- and case-folded, without spaces: "ＳＯＦＡ Stack" and "sofastack" fold alike. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** The key under which two spellings of a person's name (or a tag, a city) are the same. */
export function nameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    key = fold(name);
    // Names recur on every rebuild of the graph; the set of names is bounded by the content.
    if (nameKeys.size > 100_000) nameKeys.clear();
    nameKeys.set(name, key);
  }
  return key;
}

/** The comparison key of a title: width-folded, lower case, without spaces and punctuation. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

const seriesKeys = new Map<string, string>();

/** Letters and digits only, lower case: the form in which two spellings of a series compare. */
export function seriesKey(name: string): string {
  let key = seriesKeys.get(name);
  if (key === undefined) {
    key = name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    // As nameKey: a graph build asks three times per page, and the series are few.
    if (seriesKeys.size > 10_000) seriesKeys.clear();
    seriesKeys.set(name, key);
  }
  return key;
}

/** The key of an event by language and slug (slugs are unique per language). */
export function slugKey(language: string | null, slug: string): string {
  return `${language ?? ''}\u0000${slug}`;
}

/** A project slug as clients may type it (`Acme/Widget `) in the form the graph keys projects by. */
export function projectKey(slug: string): string {
  return slug.trim().toLowerCase();
}
