import { isScalar, Schema, type ScalarTag } from 'yaml';

/**
 * The front matter nearly every page writes, read without building a YAML document: block
 * mappings of `key: value` lines, one-line scalars (plain, "double" or 'single' quoted), one-line
 * flow lists of scalars, block lists (`- item`) and lists of small mappings, nested by
 * indentation. Reading that through the yaml package's parser, composer and document model was
 * about a tenth of a cold start's per-page work.
 *
 * No library reads this subset: YAML readers parse the whole language or none of it. So this is
 * hand-written and strict: anything it does not fully handle (comments, anchors and aliases,
 * tags, block and multi-line scalars, flow mappings, escapes other than the common ones, keys
 * that are not plain words, keys given twice, tabs, control characters, a carriage return…)
 * returns `undefined`, and the caller parses the block with the yaml package as before, which
 * also gives that block's diagnostics. Plain scalars are resolved by the yaml package's own core
 * schema tags, so `0123`, `~`, `.5`, `true` and `yes` become what the full parse makes of them.
 * tests/simple-yaml.test.ts compares the two on generated and real front matter.
 */
export function readSimpleYaml(source: string): Record<string, unknown> | null | undefined {
  // Characters whose handling differs between YAML readers or needs the full grammar.
  if (UNHANDLED_CHAR.test(source)) return undefined;
  const lines = source.split('\n');
  try {
    const reader = new BlockReader(lines);
    const first = reader.nextContent(0);
    if (first === lines.length) return null;
    if (indentOf(lines[first]!) !== 0) return undefined;
    const value = reader.mapping(first, 0);
    return reader.at === lines.length ? value : undefined;
  } catch (error) {
    if (error === UNHANDLED) return undefined;
    throw error;
  }
}

/** Thrown inside the reader when it meets something it leaves to the full parser. */
const UNHANDLED = Symbol('unhandled');
function unhandled(): never {
  throw UNHANDLED;
}

/**
 * Tabs, `\r`, C0 and C1 controls, DEL, U+2028/2029, BOM and noncharacters, and unpaired
 * surrogates: all legal or illegal in ways this reader does not model.
 */
// eslint-disable-next-line no-control-regex
const UNHANDLED_CHAR = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A key this reader takes: a plain word, possibly with `.` and `-`, short enough to be an implicit key. */
const KEY_LINE = /^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}):(?: +(.*))?$/;

/** A plain scalar may not start with these (YAML's indicators), nor contain `: ` or ` #`, nor end with `:`. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** The yaml package's core schema tags that resolve plain scalars, in the order it tries them. */
const plainTags = new Schema({ schema: 'core' }).tags.filter((t): t is ScalarTag => t.default === true && 'test' in t && t.test instanceof RegExp);
const RESOLVE_OPTIONS = { intAsBigInt: false };

/** A plain scalar's value as the yaml package's core schema resolves it. */
function resolvePlain(text: string): unknown {
  const tag = plainTags.find((t) => t.test!.test(text));
  if (!tag) return text;
  // Booleans and floats come back as Scalar nodes (keeping how they were written), the rest bare.
  const value = tag.resolve(text, unhandled, RESOLVE_OPTIONS);
  return isScalar(value) ? value.value : value;
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** YAML trims spaces (and tabs, which never get here) around scalars, not Unicode whitespace such as U+3000. */
function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(indentOf(text), Math.max(end, indentOf(text)));
}

function isBlank(line: string): boolean {
  return indentOf(line) === line.length;
}

/** Double-quoted escapes read here; the others (`\x`, `\u`, line escapes…) go to the full parser. */
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', ' ': ' ' };

/** Nesting levels read here; deeper blocks go to the full parser. */
const MAX_DEPTH = 16;

class BlockReader {
  /** The first line not yet read. */
  at = 0;
  private depth = 0;
  private readonly lines: string[];

  constructor(lines: string[]) {
    this.lines = lines;
  }

  /** The first line from `from` on that is not blank (`lines.length` if none). */
  nextContent(from: number): number {
    let i = from;
    while (i < this.lines.length && isBlank(this.lines[i]!)) i++;
    return i;
  }

  /** A block mapping whose keys sit at column `indent`, starting at line `start`. */
  mapping(start: number, indent: number): Record<string, unknown> {
    // Deep nesting is rare and the full parser's limits and diagnostics apply to it.
    if (++this.depth > MAX_DEPTH) unhandled();
    const map: Record<string, unknown> = {};
    const seen = new Set<string>();
    let i = start;
    while (i < this.lines.length) {
      const line = this.lines[i]!;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) break;
      if (lineIndent > indent) unhandled();
      const m = KEY_LINE.exec(line.slice(indent));
      if (!m) unhandled();
      const key = m[1]!;
      // A key the core schema reads as a number, boolean or null, or one given twice, is the full parser's.
      if (typeof resolvePlain(key) !== 'string' || key === '__proto__' || seen.has(key)) unhandled();
      seen.add(key);
      const rest = trimSpaces(m[2] ?? '');
      if (rest === '') {
        // A nested block follows, or the value is null.
        const next = this.nextContent(i + 1);
        const nextLine = this.lines[next];
        if (nextLine !== undefined && indentOf(nextLine) > indent) {
          const nested = indentOf(nextLine);
          map[key] = nextLine.startsWith('- ', nested) ? this.sequence(next, nested) : this.mapping(next, nested);
        } else if (nextLine !== undefined && indentOf(nextLine) === indent && nextLine.startsWith('- ', indent)) {
          // A list may sit at its key's own column.
          map[key] = this.sequence(next, indent);
        } else {
          map[key] = null;
          this.at = next;
        }
      } else {
        map[key] = inlineValue(rest);
        // A more indented line after it (a multi-line scalar) is refused by the next turn.
        this.at = this.nextContent(i + 1);
      }
      i = this.at;
    }
    this.at = i;
    this.depth--;
    return map;
  }

  /** A block sequence whose dashes sit at column `indent`, starting at line `start`. */
  sequence(start: number, indent: number): unknown[] {
    if (++this.depth > MAX_DEPTH) unhandled();
    const list: unknown[] = [];
    let i = start;
    while (i < this.lines.length) {
      const line = this.lines[i]!;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) break;
      if (lineIndent > indent) unhandled();
      if (!line.startsWith('- ', indent)) break;
      const contentAt = indentOf(line.slice(indent + 1)) + indent + 1;
      const content = trimSpaces(line.slice(contentAt));
      if (content === '') unhandled();
      if (KEY_LINE.test(content)) {
        // `- key: value` opens a mapping at the column of its first key: read it as if the dash were a space.
        this.lines[i] = ' '.repeat(contentAt) + line.slice(contentAt);
        list.push(this.mapping(i, contentAt));
      } else {
        list.push(inlineValue(content));
        this.at = this.nextContent(i + 1);
      }
      i = this.at;
    }
    this.at = i;
    this.depth--;
    return list;
  }
}

/** A value written on its key's line (trimmed): a quoted or plain scalar, or a flow list of them. */
function inlineValue(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 0x22 /* " */ || first === 0x27 /* ' */) {
    const { value, end } = quoted(text, 0);
    if (end !== text.length) unhandled();
    return value;
  }
  if (first === 0x5b /* [ */) return flowList(text);
  return plain(text, false);
}

/** A plain scalar, refused where YAML would read more into it (comments, mappings, indicators). */
function plain(text: string, inFlow: boolean): unknown {
  if (text === '' || INDICATOR_START.test(text) || text.includes(' #') || text.includes(': ') || text.endsWith(':')) unhandled();
  if (inFlow && /[,[\]{}:#]/.test(text)) unhandled();
  return resolvePlain(text);
}

/** A quoted scalar starting at `start`; `end` is the index after its closing quote. */
function quoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start]!;
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    const escape = quote === '"' ? text.indexOf('\\', i) : -1;
    if (close === -1) unhandled();
    if (escape !== -1 && escape < close) {
      const replacement = ESCAPES[text[escape + 1] ?? ''];
      if (replacement === undefined) unhandled();
      value += text.slice(i, escape) + replacement;
      i = escape + 2;
      continue;
    }
    value += text.slice(i, close);
    if (quote === "'" && text[close + 1] === "'") {
      value += "'";
      i = close + 2;
      continue;
    }
    return { value, end: close + 1 };
  }
}

/** `[a, "b", 'c']` on one line: scalars only, no empty items. */
function flowList(text: string): unknown[] {
  const list: unknown[] = [];
  let i = 1;
  const skipSpaces = () => {
    while (text.charCodeAt(i) === 32) i++;
  };
  skipSpaces();
  if (text[i] === ']') {
    if (i + 1 !== text.length) unhandled();
    return list;
  }
  for (;;) {
    skipSpaces();
    const c = text[i];
    if (c === '"' || c === "'") {
      const item = quoted(text, i);
      list.push(item.value);
      i = item.end;
      skipSpaces();
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== ']') end++;
      list.push(plain(trimSpaces(text.slice(i, end)), true));
      i = end;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === ']' && i + 1 === text.length) return list;
    unhandled();
  }
}
