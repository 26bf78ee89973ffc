import matter from 'gray-matter';
import { parse as parseToml, TomlError } from 'smol-toml';
import { type Document, isAlias, LineCounter, parseDocument, visit, YAMLError } from 'yaml';
import type { FrontMatterEngine, FrontMatterSyntax } from '../model/diagnostics.js';
import { readSimpleYaml } from './simple-yaml.js';

/** A key a YAML mapping gives twice: YAML forbids it, editors and merges write it. */
export interface DuplicateKey {
  readonly key: string;
  /** File line of the later key, whose value is kept. */
  readonly line: number;
}

/** Front matter as written, plus where the markdown body starts. */
export interface SplitPage {
  readonly data: Record<string, unknown>;
  /** Keys given twice; the front matter was read with the last value of each. */
  readonly duplicateKeys: readonly DuplicateKey[];
  readonly body: string;
  /** 1-based line of the file on which the body starts. */
  readonly bodyLine: number;
}

/** Why a front-matter block was not read, as the diagnostic of its code is worded from. */
export type FrontMatterRefusal =
  | { readonly code: 'FRONT_MATTER_SYNTAX'; readonly details: FrontMatterSyntax }
  | { readonly code: 'FRONT_MATTER_ENGINE'; readonly details: FrontMatterEngine };

/** A front-matter block that does not parse; `line` is a line of the whole file. */
export class FrontMatterError extends Error {
  constructor(
    readonly refusal: FrontMatterRefusal,
    readonly line: number,
  ) {
    super(refusal.code);
  }
}

const syntax = (details: FrontMatterSyntax, line: number) => new FrontMatterError({ code: 'FRONT_MATTER_SYNTAX', details }, line);
const engine = (details: FrontMatterEngine) => new FrontMatterError({ code: 'FRONT_MATTER_ENGINE', details }, 1);

/** YAML aliases expand; a page may use a few, never enough to blow up memory. */
const MAX_YAML_ALIASES = 100;

/**
 * YAML with the core schema: timestamps stay strings, so `2021-07-24T15:00:00+08:00` keeps its
 * offset instead of becoming a UTC `Date`. Warnings are not logged: a page's content must not
 * write to the server's log.
 */
function yamlEngine(source: string, duplicates: DuplicateKey[]): object {
  // Most front matter is flat `key: value` lines, read the same without the full parser.
  const simple = readSimpleYaml(source);
  if (simple !== undefined) return asObject(simple);
  return asObject(fullYaml(source, duplicates));
}

/** The block read by the yaml package: its value, or the error the page is refused with. */
export function fullYaml(source: string, duplicates: DuplicateKey[] = []): unknown {
  const lineCounter = new LineCounter();
  let doc = parseDocument(source, { schema: 'core', prettyErrors: true, lineCounter, logLevel: 'error' });
  // A key given twice has one reading (the last value, as most YAML readers and Hugo take it):
  // read so, and say where, rather than drop the page.
  if (doc.errors.length > 0 && doc.errors.every((e) => e.code === 'DUPLICATE_KEY')) {
    const lines = source.split('\n');
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? 1;
      const key = /^\s*(?:-\s+)?["']?([^"':]+)["']?\s*:/.exec(lines[line - 1] ?? '')?.[1]?.trim() ?? '?';
      duplicates.push({ key, line });
    }
    doc = parseDocument(source, { schema: 'core', prettyErrors: true, lineCounter: new LineCounter(), uniqueKeys: false, logLevel: 'error' });
  }
  const [error] = doc.errors;
  if (error) throw error;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    // The yaml package throws a bare ReferenceError, without a position, when aliases expand too far.
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw syntax({ aliasBomb: MAX_YAML_ALIASES }, firstAliasLine(doc, lineCounter));
    }
    throw error;
  }
  return value;
}

/** The line of the document's first alias (`*name`), where the expansion starts. */
function firstAliasLine(doc: Document, lineCounter: LineCounter): number {
  let offset: number | undefined;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      offset = node.range?.[0];
      return visit.BREAK;
    }
    return undefined;
  });
  return offset === undefined ? 1 : lineCounter.linePos(offset).line;
}

/** TOML as Hugo writes it; TOML dates become ISO strings in their own offset. */
function tomlEngine(source: string): object {
  return asObject(plain(parseToml(source)));
}

/** Front matter must be a mapping; a bare scalar or list is reported as such. */
function asObject(value: unknown): object {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw syntax({ notAMapping: Array.isArray(value) ? 'a list' : typeof value }, 2);
  }
  return value;
}

/** Turns TOML date objects into strings, recursively, so later steps only see JSON-like data. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Content is data, never code: gray-matter's JavaScript engines are replaced by a refusal. */
function refuseCode(): never {
  throw engine({ javascript: true });
}

/**
 * gray-matter ends the block at the `\n` before the closing fence, so a page with Windows line
 * endings hands the engine a stray `\r`: YAML would keep it in the last value or fail on it.
 */
function withoutStrayCr(engine: (source: string) => object): (source: string) => object {
  return (source) => engine(source.endsWith('\r') ? source.slice(0, -1) : source);
}

/** The engines for one page; YAML reports the keys it found twice into `duplicates`. */
function enginesFor(duplicates: DuplicateKey[]) {
  return {
    yaml: withoutStrayCr((source) => yamlEngine(source, duplicates)),
    toml: withoutStrayCr(tomlEngine),
    json: withoutStrayCr((source: string) => asObject(JSON.parse(source))),
    js: refuseCode,
    javascript: refuseCode,
    coffee: refuseCode,
  };
}

/**
 * Splits a page into front matter and markdown body. `---` opens YAML (or `---toml`, `---json`),
 * `+++` opens TOML as Hugo writes it. Throws `FrontMatterError` with the file line of the problem.
 */
export function splitFrontMatter(text: string): SplitPage {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const toml = source.startsWith('+++');
  let file: matter.GrayMatterFile<string>;
  const duplicateKeys: DuplicateKey[] = [];
  const engines = enginesFor(duplicateKeys);
  try {
    file = matter(source, toml ? { delimiters: '+++', language: 'toml', engines } : { engines });
  } catch (error) {
    throw toFrontMatterError(error);
  }
  const consumed = source.length - file.content.length;
  const bodyLine = countLines(source.slice(0, consumed)) + 1;
  return { data: { ...(file.data as Record<string, unknown>) }, duplicateKeys, body: file.content, bodyLine };
}

/**
 * Maps each engine's error to a message and a line of the file. gray-matter hands the engines the
 * block starting with the rest of the opening `---` line, so an engine's line N is the file's line N.
 */
function toFrontMatterError(error: unknown): FrontMatterError {
  if (error instanceof FrontMatterError) return error;
  if (error instanceof YAMLError) {
    const line = error.linePos?.[0]?.line;
    // The parser recurses per level of nesting, so a deep enough document runs out of stack.
    if (/call stack/i.test(error.message)) return syntax({ nestedTooDeep: 'YAML' }, line ?? 1);
    const message = firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '');
    return syntax({ parser: 'YAML', problem: message }, line ?? 1);
  }
  if (error instanceof TomlError) {
    return syntax({ parser: 'TOML', problem: firstLine(error.message) }, error.line);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) return syntax({ nestedTooDeep: null }, 1);
  if (/engine .* is not registered/.test(message)) return engine({ unknownLanguage: message });
  return syntax({ parser: null, problem: firstLine(message) }, 1);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
