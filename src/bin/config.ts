import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS, type RequestLimits } from '../server/limits.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';

export interface ServeConfig {
  readonly contentDir: string;
  readonly port: number;
  readonly host: string;
  /** Exit non-zero when the content has any diagnostic (for content repositories' CI). */
  readonly strict: boolean;
  /** JSON file of extra label words (see README, "Vocabulary"). */
  readonly vocabularyFile: string | null;
  /** Follow the content folder and serve edits without a restart. */
  readonly watch: boolean;
  /** UTC offset of pages whose front-matter date states none (`+08:00`). */
  readonly utcOffset: string;
  /** IANA zone of the site's events (`Europe/Copenhagen`) where a page names no known city; null when not set. */
  readonly timezone: string | null;
  /** Cache whole responses between content changes. */
  readonly cache: boolean;
  /** Answer plain JSON POSTs without Yoga's Request/Response objects (server/fast-path.ts). */
  readonly fastPath: boolean;
  /** Where parsed pages are kept between runs; null turns the parse cache off. */
  readonly parseCacheDir: string | null;
  /** Public deployment defaults (see MeetupYogaOptions.production). */
  readonly production: boolean;
  /** null: the mode's default. */
  readonly graphiql: boolean | null;
  readonly introspection: boolean | null;
  readonly corsOrigins: readonly string[];
  /** Folder of .graphql files or a JSON manifest of operations served by hash. */
  readonly persisted: string | null;
  readonly onlyPersisted: boolean;
  readonly limits: RequestLimits;
  /** How long SIGTERM waits for requests in flight before closing what is left. */
  readonly shutdownGraceMs: number;
  /** The least severe lines written (debug adds a line per clean request). */
  readonly logLevel: LogLevel;
}

/** Flag name → the limit it sets. */
const LIMIT_FLAGS = {
  'max-depth': 'maxDepth',
  'max-aliases': 'maxAliases',
  'max-directives': 'maxDirectives',
  'max-tokens': 'maxTokens',
  'max-cost': 'maxCost',
  'max-batch': 'maxBatch',
  'max-body-bytes': 'maxBodyBytes',
  'max-response-bytes': 'maxResponseBytes',
} as const satisfies Record<string, keyof RequestLimits>;

/** The repository: the nearest folder above this module with a package.json (src/bin/ from source, dist/ compiled). */
const projectRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
})();

export class ConfigError extends Error {}

/** Flags win over environment variables (CONTENT_DIR, PORT, HOST, LOG_LEVEL …), which win over defaults. */
export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServeConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      content: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      strict: { type: 'boolean', default: false },
      vocabulary: { type: 'string' },
      'no-watch': { type: 'boolean', default: false },
      'utc-offset': { type: 'string' },
      timezone: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      'no-fast-path': { type: 'boolean', default: false },
      'parse-cache': { type: 'string' },
      'no-parse-cache': { type: 'boolean', default: false },
      production: { type: 'boolean', default: false },
      graphiql: { type: 'boolean' },
      'no-graphiql': { type: 'boolean' },
      introspection: { type: 'boolean' },
      'no-introspection': { type: 'boolean' },
      'cors-origin': { type: 'string', multiple: true },
      persisted: { type: 'string' },
      'only-persisted': { type: 'boolean', default: false },
      'shutdown-grace-ms': { type: 'string' },
      'log-level': { type: 'string' },
      ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    },
    strict: true,
    allowPositionals: false,
  });
  const portText = values.port ?? env.PORT ?? '4000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be a port number, got "${portText}"`);
  const content = values.content ?? env.CONTENT_DIR;
  const limits: { -readonly [K in keyof RequestLimits]: number } = { ...DEFAULT_LIMITS };
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const text = (values as Record<string, unknown>)[flag];
    if (typeof text === 'string') limits[key] = positiveInteger(`--${flag}`, text);
  }
  const persisted = values.persisted ?? env.PERSISTED_OPERATIONS ?? null;
  const onlyPersisted = values['only-persisted'] ?? false;
  if (onlyPersisted && !persisted) throw new ConfigError('--only-persisted needs --persisted DIR_OR_MANIFEST');
  return {
    contentDir: content ? resolve(content) : resolve(projectRoot, 'content'),
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    strict: values.strict ?? false,
    vocabularyFile: values.vocabulary ?? env.VOCABULARY ?? null,
    watch: !(values['no-watch'] ?? false) && env.WATCH !== '0',
    utcOffset: readOffset(values['utc-offset'] ?? env.UTC_OFFSET ?? '+00:00'),
    timezone: readTimezone(values.timezone ?? env.TIMEZONE ?? null),
    cache: !(values['no-cache'] ?? false) && env.RESPONSE_CACHE !== '0',
    fastPath: !(values['no-fast-path'] ?? false) && env.FAST_PATH !== '0',
    parseCacheDir: values['no-parse-cache'] ? null : resolve(values['parse-cache'] ?? env.PARSE_CACHE_DIR ?? resolve(projectRoot, '.cache', 'meetup-graph')),
    production: (values.production ?? false) || env.NODE_ENV === 'production',
    graphiql: onOff(values.graphiql, values['no-graphiql']),
    introspection: onOff(values.introspection, values['no-introspection']),
    corsOrigins: values['cors-origin'] ?? (env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : []),
    persisted: persisted ? resolve(persisted) : null,
    onlyPersisted,
    limits,
    shutdownGraceMs: values['shutdown-grace-ms'] ? positiveInteger('--shutdown-grace-ms', values['shutdown-grace-ms']) : 10_000,
    logLevel: readLogLevel(values['log-level'] ?? (env.LOG_LEVEL || 'info')),
  };
}

function onOff(on: boolean | undefined, off: boolean | undefined): boolean | null {
  if (on && off) throw new ConfigError('a flag and its --no- form were both given');
  return on ? true : off ? false : null;
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${flag} must be a positive whole number, got "${text}"`);
  return value;
}

function readLogLevel(text: string): LogLevel {
  const level = LOG_LEVELS.find((known) => known === text.toLowerCase());
  if (!level) throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${text}"`);
  return level;
}

/** An IANA zone name the runtime knows (`Asia/Shanghai`), or a configuration error. */
function readTimezone(text: string | null): string | null {
  if (text === null || text === '') return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: text });
  } catch {
    throw new ConfigError(`--timezone must be an IANA time zone such as Europe/Copenhagen, got "${text}"`);
  }
  return text;
}

/** `+08:00`, `-05:00` or `Z`; anything else is a configuration error. */
function readOffset(text: string): string {
  if (text === 'Z') return '+00:00';
  if (!/^[+-](?:0\d|1[0-4]):[0-5]\d$/.test(text)) throw new ConfigError(`--utc-offset must look like +08:00, got "${text}"`);
  return text;
}
