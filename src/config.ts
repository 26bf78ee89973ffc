import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

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
  /** Cache whole responses between content changes. */
  readonly cache: boolean;
  /** Where parsed pages are kept between runs; null turns the parse cache off. */
  readonly parseCacheDir: string | null;
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export class ConfigError extends Error {}

/** Flags win over environment variables (CONTENT_DIR, PORT, HOST), which win over defaults. */
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
      'no-cache': { type: 'boolean', default: false },
      'parse-cache': { type: 'string' },
      'no-parse-cache': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const portText = values.port ?? env.PORT ?? '4000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be a port number, got "${portText}"`);
  const content = values.content ?? env.CONTENT_DIR;
  return {
    contentDir: content ? resolve(content) : resolve(projectRoot, 'content'),
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    strict: values.strict ?? false,
    vocabularyFile: values.vocabulary ?? env.VOCABULARY ?? null,
    watch: !(values['no-watch'] ?? false) && env.WATCH !== '0',
    utcOffset: readOffset(values['utc-offset'] ?? env.UTC_OFFSET ?? '+00:00'),
    cache: !(values['no-cache'] ?? false) && env.RESPONSE_CACHE !== '0',
    parseCacheDir: values['no-parse-cache'] ? null : resolve(values['parse-cache'] ?? env.PARSE_CACHE_DIR ?? resolve(projectRoot, '.cache', 'meetup-graph')),
  };
}

/** `+08:00`, `-05:00` or `Z`; anything else is a configuration error. */
function readOffset(text: string): string {
  if (text === 'Z') return '+00:00';
  if (!/^[+-](?:0\d|1[0-4]):[0-5]\d$/.test(text)) throw new ConfigError(`--utc-offset must look like +08:00, got "${text}"`);
  return text;
}
