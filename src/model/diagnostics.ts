/**
 * The one catalogue of problems found in a content folder. Each code has its severity, the hint
 * that says what the service does about it, and the sentence that states it; every diagnostic is
 * made by `diagnostic` from these. Only what a parser says in its own words (YAML, TOML, the
 * file system, and the field schema, whose messages are written beside the fields they check) is
 * passed in as text.
 */

export type Severity = 'ERROR' | 'WARNING';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Path relative to the content folder, `/` separators. */
  readonly path: string;
  readonly line: number | null;
  /** Front-matter field path (`talks.0.title`) when the problem is one field. */
  readonly field: string | null;
  readonly message: string;
}

/** A parser's or the file system's own account of what is wrong. */
interface Problem {
  readonly problem: string;
}

/** Why a page file is not read, when the file system itself raised no error. */
export type UnreadableFile =
  | { readonly binary: true }
  | { readonly notRegular: string }
  | { readonly nameNotUtf8: true }
  | { readonly timedOutMs: number };

function sayUnreadable(p: Problem | UnreadableFile): string {
  if ('binary' in p) return 'the file holds binary data, not text';
  if ('notRegular' in p) return `it is a ${p.notRegular}, not a file; only regular files are opened`;
  if ('nameNotUtf8' in p) return 'its name is not valid UTF-8 (shown with � for the bytes that are not); rename the file so it can be read';
  if ('timedOutMs' in p) return `reading it took longer than ${p.timedOutMs / 1000} s; it is read again when it changes`;
  return p.problem;
}

/** Why front matter could not be read. */
export type FrontMatterSyntax =
  | { readonly parser: 'YAML' | 'TOML' | null; readonly problem: string }
  | { readonly aliasBomb: number }
  | { readonly nestedTooDeep: 'YAML' | null }
  | { readonly notAMapping: string };

/** Why front matter is not read at all: its language. */
export type FrontMatterEngine = { readonly javascript: true } | { readonly unknownLanguage: string };

const catalogue = {
  UNREADABLE_FILE: {
    severity: 'ERROR',
    hint: 'the file could not be read; the page is skipped',
    say: (p: Problem | UnreadableFile) => sayUnreadable(p),
  },
  FRONT_MATTER_SYNTAX: { severity: 'ERROR', hint: 'the front matter does not parse; the page is skipped', say: (p: FrontMatterSyntax) => sayFrontMatterSyntax(p) },
  FRONT_MATTER_FIELD: { severity: 'WARNING', hint: 'the field is ignored; the rest of the page is served', say: (p: Problem) => p.problem },
  FRONT_MATTER_ENGINE: {
    severity: 'ERROR',
    hint: 'only YAML and TOML front matter are read; the page is skipped',
    say: (p: FrontMatterEngine) => ('javascript' in p ? 'front matter written as JavaScript is not evaluated' : `unknown front-matter language: ${p.unknownLanguage}`),
  },
  MARKDOWN_BODY: { severity: 'ERROR', hint: 'the body could not be parsed; the page is skipped', say: (p: Problem) => p.problem },
  PAGE_TOO_LARGE: {
    severity: 'ERROR',
    hint: 'the page is not read; the page is skipped',
    say: (p: { readonly limitBytes: number }) => `the page is larger than ${p.limitBytes / 1024} KiB, the most a page may have; the limit is passed on this line`,
  },
  MARKDOWN_TOO_DEEP: {
    severity: 'ERROR',
    hint: 'the body is not parsed; the page is skipped',
    say: (p: { readonly depth: number; readonly limit: number }) => `lists and block quotes are nested ${p.depth} deep; at most ${p.limit} are read`,
  },
  MARKDOWN_TOO_COMPLEX: {
    severity: 'ERROR',
    hint: 'the body is not parsed; the page is skipped',
    say: (p: { readonly work: 'block' | 'inline'; readonly spent: number; readonly limit: number }) =>
      p.work === 'block'
        ? `too many lines, table cells, paragraphs, list items and block quotes for one page (block work ${p.spent} by this line; at most ${p.limit} is read); split the page`
        : `too many emphasis and link marks (* _ ~ [ ]) in long paragraphs (inline work ${p.spent} by this line; at most ${p.limit} is read); split paragraphs with blank lines`,
  },
  FRONT_MATTER_DUPLICATE_KEY: {
    severity: 'WARNING',
    hint: 'the last value is used; remove the other',
    say: (p: { readonly key: string }) => `front-matter key "${p.key}" is given more than once`,
  },
  EXTRACTION_DOUBT: {
    severity: 'WARNING',
    hint: 'the value is not served; the rest of the page is',
    say: (p: { readonly field: string; readonly value: string; readonly reason: string }) =>
      `the ${p.field} read here, "${p.value.length > 80 ? `${p.value.slice(0, 80)}…` : p.value}", ${p.reason}`,
  },
  DUPLICATE_SLUG: {
    severity: 'WARNING',
    hint: 'the later page (by path) gets a numeric suffix',
    say: (p: { readonly slug: string; readonly takenBy: string | null; readonly servedAs: string }) =>
      `slug "${p.slug}" is already used by ${p.takenBy ?? 'another page'}; this page is served as "${p.servedAs}"`,
  },
  MISSING_TITLE: { severity: 'WARNING', hint: 'the slug is used as the title', say: () => 'the page has no title: no front-matter title and no heading' },
  STALE_PAGE: {
    severity: 'WARNING',
    hint: 'fix the problem above and the new version is served',
    say: () => 'the page is served as it was before this edit',
  },
} as const satisfies Record<string, { severity: Severity; hint: string; say: (details: never) => string }>;

type Catalogue = typeof catalogue;
export type DiagnosticCode = keyof Catalogue;
/** What a code's sentence is made from. */
export type DiagnosticDetails<C extends DiagnosticCode> = Parameters<Catalogue[C]['say']>;

/** Where a problem is: the page, and the line and front-matter field when known. */
export interface DiagnosticPlace {
  readonly path: string;
  readonly line?: number | null;
  readonly field?: string | null;
}

/** Builds a diagnostic; the hint of its code is appended so every message says what happens next. */
export function diagnostic<C extends DiagnosticCode>(code: C, where: DiagnosticPlace, ...details: DiagnosticDetails<C>): Diagnostic {
  // TypeScript does not tie `catalogue[code]` to `C` itself; the signature of `diagnostic` does.
  const entry = catalogue[code] as { severity: Severity; hint: string; say: (...details: DiagnosticDetails<C>) => string };
  return {
    code,
    severity: entry.severity,
    path: where.path,
    line: where.line ?? null,
    field: where.field ?? null,
    message: `${entry.say(...details)} (${entry.hint})`,
  };
}

function sayFrontMatterSyntax(p: FrontMatterSyntax): string {
  if ('aliasBomb' in p) return `YAML: aliases expand to too much data (an alias bomb); at most ${p.aliasBomb} expansions are read`;
  if ('nestedTooDeep' in p) return `${p.nestedTooDeep ? `${p.nestedTooDeep}: ` : ''}front matter nested too deeply to read`;
  if ('notAMapping' in p) return `front matter must be a mapping of fields, found ${p.notAMapping}`;
  return `${p.parser ? `${p.parser}: ` : ''}${p.problem}`;
}

/** `path:line: severity [CODE] field: message`, the form printed at start-up. */
export function formatDiagnostic(d: Diagnostic): string {
  const path = printable(d.path);
  const at = d.line === null ? path : `${path}:${d.line}`;
  const field = d.field ? `${printable(d.field)}: ` : '';
  return `${at}: ${d.severity.toLowerCase()} [${d.code}] ${field}${printable(d.message)}`;
}

/**
 * Text from the content folder (a file name, a key, a parser's message quoting the page) as one
 * log line: a newline or another control character in a file name could forge a second line.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
