import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { usePersistedOperations, type ExtractPersistedOperationId } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';

/** Operations a site's frontend ships, by the hex SHA-256 of their exact text. */
export type PersistedOperations = ReadonlyMap<string, string>;

export class PersistedOperationsError extends Error {}

/** `{ "<hash>": "query …" }`, as Relay and most build tools write it. */
const hashToQuery = z.record(z.string().min(1), z.string().min(1));
/** Apollo's persisted query manifest. */
const apolloManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  operations: z.array(z.object({ id: z.string().min(1), body: z.string().min(1) })),
});

export function operationHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads `path`: a folder of `.graphql` / `.gql` files (each file one document, known by the hash
 * of its text) or a JSON manifest. Every operation is parsed and validated against the schema
 * here, so a typo fails the start, not a visitor's request.
 */
export async function readPersistedOperations(path: string, schema: GraphQLSchema): Promise<PersistedOperations> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new PersistedOperationsError(`--persisted: ${path} does not exist`);
  const entries = info.isDirectory() ? await readFolder(path) : await readManifest(path);
  const operations = new Map<string, string>();
  for (const { hash, text, origin } of entries) {
    let problems: readonly { message: string }[];
    try {
      problems = validate(schema, parse(text));
    } catch (error) {
      problems = [{ message: error instanceof Error ? error.message : String(error) }];
    }
    if (problems.length > 0) throw new PersistedOperationsError(`--persisted: ${origin}: ${problems.map((p) => p.message).join('; ')}`);
    operations.set(hash, text);
  }
  return operations;
}

interface Entry {
  readonly hash: string;
  readonly text: string;
  readonly origin: string;
}

async function readFolder(root: string): Promise<Entry[]> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.(graphql|gql)$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, 'utf8');
      return { hash: operationHash(text), text, origin: relative(root, file) };
    }),
  );
}

async function readManifest(file: string): Promise<Entry[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new PersistedOperationsError(`--persisted: ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const apollo = apolloManifest.safeParse(json);
  if (apollo.success) return apollo.data.operations.map((op) => ({ hash: op.id, text: op.body, origin: `${file} (${op.id})` }));
  const plain = hashToQuery.safeParse(json);
  if (plain.success) return Object.entries(plain.data).map(([hash, text]) => ({ hash, text, origin: `${file} (${hash})` }));
  throw new PersistedOperationsError(`--persisted: ${file} is neither { "<hash>": "<query>" } nor an Apollo persisted query manifest`);
}

/**
 * The id a request names: Apollo's `extensions.persistedQuery.sha256Hash`, or `documentId`
 * (the GraphQL-over-HTTP persisted documents proposal, `sha256:` prefix optional) in the body or
 * in a GET query string, which is what lets a CDN cache the URL.
 */
const extractId: ExtractPersistedOperationId = (params, request) => {
  const apq = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  if (typeof apq === 'string') return apq;
  const fromBody = (params as { documentId?: unknown }).documentId;
  const documentId = typeof fromBody === 'string' ? fromBody : new URL(request.url).searchParams.get('documentId');
  return documentId ? documentId.replace(/^sha256:/, '') : null;
};

/** Serves known operations by id; with `only`, any other document is refused. */
export function usePersisted(operations: PersistedOperations, only: boolean): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => operations.get(id) ?? null,
    allowArbitraryOperations: !only,
    extractPersistedOperationId: extractId,
    // Validated once at start-up (readPersistedOperations).
    skipDocumentValidation: true,
    customErrors: {
      notFound: { message: 'Unknown persisted operation', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } } },
      persistedQueryOnly: { message: 'Only persisted operations are accepted here', extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } } },
      keyNotFound: { message: 'A persisted operation needs an id', extensions: { code: 'PERSISTED_QUERY_ID_MISSING', http: { status: 400 } } },
    },
  });
}
