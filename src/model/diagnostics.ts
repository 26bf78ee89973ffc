/**
 * The one catalogue of problems the loader reports. Every message names the file and line;
 * codes and messages are made here and nowhere else.
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

const catalogue = {
  UNREADABLE_FILE: { severity: 'ERROR', hint: 'the file could not be read; the page is skipped' },
  FRONT_MATTER_SYNTAX: { severity: 'ERROR', hint: 'the front matter does not parse; the page is skipped' },
  FRONT_MATTER_FIELD: { severity: 'WARNING', hint: 'the field is ignored; the rest of the page is served' },
  FRONT_MATTER_ENGINE: { severity: 'ERROR', hint: 'only YAML and TOML front matter are read; the page is skipped' },
  MARKDOWN_BODY: { severity: 'ERROR', hint: 'the body could not be parsed; the page is skipped' },
  PAGE_TOO_LARGE: { severity: 'ERROR', hint: 'the page is not read; the page is skipped' },
  MARKDOWN_TOO_DEEP: { severity: 'ERROR', hint: 'the body is not parsed; the page is skipped' },
  MARKDOWN_TOO_COMPLEX: { severity: 'ERROR', hint: 'the body is not parsed; the page is skipped' },
  DUPLICATE_SLUG: { severity: 'WARNING', hint: 'the later page (by path) gets a numeric suffix' },
  MISSING_TITLE: { severity: 'WARNING', hint: 'the slug is used as the title' },
  STALE_PAGE: { severity: 'WARNING', hint: 'fix the problem above and the new version is served' },
} as const satisfies Record<string, { severity: Severity; hint: string }>;

export type DiagnosticCode = keyof typeof catalogue;

/** Builds a diagnostic; the hint of its code is appended so every message says what happens next. */
export function diagnostic(
  code: DiagnosticCode,
  where: { path: string; line?: number | null; field?: string | null },
  problem: string,
): Diagnostic {
  const entry = catalogue[code];
  return {
    code,
    severity: entry.severity,
    path: where.path,
    line: where.line ?? null,
    field: where.field ?? null,
    message: `${problem} (${entry.hint})`,
  };
}

/** `path:line: [CODE] field: message`, the form printed at start-up. */
export function formatDiagnostic(d: Diagnostic): string {
  const at = d.line === null ? d.path : `${d.path}:${d.line}`;
  const field = d.field ? `${d.field}: ` : '';
  return `${at}: ${d.severity.toLowerCase()} [${d.code}] ${field}${d.message}`;
}
