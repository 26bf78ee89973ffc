import type { Paragraph, PhrasingContent, RootContent } from 'mdast';
import { lineOf, textOf } from './mdast.js';
import { cleanVenue, formatFrom } from './place.js';
import { matchHeadingLabel, matchLabel, type Vocabulary } from './vocabulary.js';

/**
 * The venue a "## Where?" / "## 活动地点" section states: the place it names (the bold or
 * linked name after "at", else the first one) and the address (an "Address:" line, or a
 * paragraph or parenthesis that reads as one: digits and commas), joined as a reader would
 * write them: "Example Labs, Nørregade 7, 1165 København K". Without either, its first short
 * line.
 */
export function venueOfSection(nodes: readonly RootContent[], vocabulary: Vocabulary): { venue: string; line: number | null } | null {
  const start = nodes.findIndex((n) => n.type === 'heading' && matchHeadingLabel(textOf(n), vocabulary)?.role === 'venue');
  const heading = nodes[start];
  if (!heading || heading.type !== 'heading') return null;
  const paragraphs: Paragraph[] = [];
  for (const node of nodes.slice(start + 1)) {
    if (node.type === 'heading' && node.depth <= heading.depth) break;
    if (node.type === 'paragraph') paragraphs.push(node);
  }
  // A paragraph labelled as something else (活动时间：…) says nothing of the place.
  const labelled = paragraphs.map((p) => ({ p, label: matchLabel(textOf(p).trim(), vocabulary) }));
  // "Address: …" may stand on its own line inside a paragraph of prose.
  const lineLabels = paragraphs.flatMap((p) => textOf(p).split('\n').map((l) => matchLabel(l.trim(), vocabulary)));
  const stated = lineLabels.find((label) => label?.role === 'venue' && label.rest)?.rest ?? null;
  const prose = labelled.filter(({ label }) => !label).map(({ p }) => p);
  const first = prose[0];
  // "Online! We'll send the Zoom link …": a section that puts the event on a screen names no place.
  if (!stated && first && formatFrom(textOf(first)) === 'ONLINE') return null;
  if (!first) return stated ? withLine(stated, labelled.find(({ label }) => label?.role === 'venue')?.p ?? null) : null;
  let address: string | null = stated;
  for (const p of prose) {
    if (address) break;
    const text = textOf(p).trim();
    const candidate = looksLikeAddress(text) ? text : (/\(([^()]+)\)/u.exec(text)?.[1] ?? null);
    if (candidate && looksLikeAddress(candidate)) address = candidate;
  }
  const place = placeNamedIn(first);
  // "We'll be at **The Hub**, Nørregade 7, 1165 København K.": the address right after the place.
  if (!address && place) {
    const text = textOf(first).slice(0, PROSE_HEAD);
    const after = text.slice(text.indexOf(place) + place.length).replace(/^\s*[,，]\s*/u, '');
    const end = /[.!?](?=\s+\p{Lu}|\s*$)/u.exec(after);
    const candidate = (end ? after.slice(0, end.index) : after).trim();
    if (looksLikeAddress(candidate) && STREET_NUMBER.test(candidate)) address = candidate;
  }
  const parts = [place && !(address ?? '').includes(place) ? place : null, address].filter((p): p is string => !!p);
  const firstLine = (textOf(first).split('\n')[0] ?? '').trim();
  const venue = parts.length > 0 ? parts.join(', ') : firstLine.length <= 80 ? firstLine : null;
  return venue ? withLine(venue, first) : null;
}

function withLine(venue: string, paragraph: Paragraph | null): { venue: string; line: number | null } | null {
  const clean = cleanVenue(venue);
  return clean ? { venue: clean, line: paragraph ? lineOf(paragraph) : null } : null;
}

/** A street and its number, as addresses write them: "Storgade 5", "Kajgade 9a", "12 Main Street". */
const STREET_NUMBER = /\p{L}{3,}\s+\d{1,4}[a-z]?\b|\b\d{1,4}[a-z]?\s+\p{Lu}\p{L}+\s+(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Lane|Way)\b/u;

/** How much of a paragraph is searched for a place. */
const PROSE_HEAD = 1000;

/** Where English prose says the event is: "will take place at", "in the", "hosted by", "held at". */
const PLACE_ANCHOR = /\b(?:takes? place (?:at|in)|(?:be |is )?held (?:at|in)|hosted (?:by|at|in)|located (?:at|in)|in the|at the)\s+/giu;

/**
 * The venue an announcement's sentence gives ("The evening will be hosted by Example Café,
 * Harbour House at Kajgade 9, Aarhus"): the words after the last place phrase of a
 * sentence, up to its end, when they read as an address (a number and a comma) and not as a date.
 */
export function venueInProse(nodes: readonly RootContent[]): { venue: string; line: number | null } | null {
  for (const node of nodes) {
    if (node.type !== 'paragraph') continue;
    // A sentence that places the event is short; reading only a paragraph's head keeps this linear.
    const text = textOf(node).slice(0, PROSE_HEAD).replace(/\s+/gu, ' ');
    let best: string | null = null;
    for (const m of text.matchAll(PLACE_ANCHOR)) {
      const rest = text.slice((m.index ?? 0) + m[0].length);
      // A sentence ends at ". " before a capital, or at the end; "3. sal" goes on.
      const end = /[.!?](?=\s+\p{Lu}|\s*$)/u.exec(rest);
      const candidate = (end ? rest.slice(0, end.index) : rest).trim();
      if (looksLikeAddress(candidate) && STREET_NUMBER.test(candidate) && !/\d{1,2}[:.]\d{2}\b/u.test(candidate)) best = candidate;
    }
    const venue = best ? cleanVenue(best) : null;
    if (venue) return { venue, line: lineOf(node) };
  }
  return null;
}

/** A street address: a house or postal number and a comma, short ("Storgatan 12, 211 34 Malmö"). */
function looksLikeAddress(text: string): boolean {
  return text.length <= 120 && /\d/.test(text) && /[,，]/.test(text) && text.split(/\s+/).length <= 14;
}

/** The bold or linked name the paragraph places the event at: after "at" / "在", else the first. */
function placeNamedIn(paragraph: Paragraph): string | null {
  const named: { text: string; afterAt: boolean }[] = [];
  const visit = (children: readonly PhrasingContent[]) => {
    let before = '';
    for (const child of children) {
      if (child.type === 'strong' || child.type === 'link') {
        const text = textOf(child).trim();
        // "Open in Google Maps", "RSVP here": a link's text that names what it does, not a place.
        const chrome = /\bmaps?\b|directions|\brsvp\b|register|sign up|here|地图|导航|报名/iu.test(text);
        if (text && !chrome) named.push({ text, afterAt: /(?:\bat|在)\s*$/iu.test(before) });
      } else if (child.type === 'emphasis') visit(child.children);
      before += textOf(child);
    }
  };
  visit(paragraph.children);
  return (named.find((n) => n.afterAt) ?? named[0])?.text ?? null;
}
