import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Graph } from '../model/graph.js';
import type { FileStamp } from '../content/read-page-file.js';
import { newGraphVersion } from '../graph/graph-version.js';

/**
 * The graph of the pages a start read, kept beside the parse cache: a later start whose files all
 * have the stamps they had (path, size, mtime, inode; no file more, none less) and whose code and
 * settings are the same loads it instead of opening the parse cache's records and building the
 * graph from them (at 10,000 pages those were about 4 of a 4.7 s start).
 *
 * Hand-written layout, no library: the graph is plain data, and what is needed is only JSON in
 * parts. A header (UTF-8 JSON) names the key, the parts and a CRC-32 of them; each part is a JSON
 * array of one list of the graph in UTF-16, which decodes as a copy where UTF-8 Chinese text needs
 * a conversion (see parse-cache.ts), cut at about PART_CHARS characters so that no part becomes
 * one of the large strings Node holds outside the heap and frees late.
 */
export const GRAPH_SNAPSHOT_FILE = 'graph-snapshot.bin';

/** At both ends: a file cut short or padded loses the one at its end. An even length: the parts after it are UTF-16. */
const MAGIC = 'meetup-graph-snapshot 2\n';
const MAGIC_BYTES = Buffer.byteLength(MAGIC);
/** Characters of JSON per part: below the million at which a decoded string leaves the heap. */
const PART_CHARS = 400_000;
const ENCODING = 'utf16le';

/** The lists a snapshot holds, each a JSON array split over one or more parts. */
const LISTS = [
  'events',
  'talks',
  'speakers',
  'resources',
  'projects',
  'eventOrder',
  'talkOrder',
  'speakerOrder',
  'projectOrder',
  'eventBySlug',
  'eventsBySlug',
  'eventsByTag',
  'diagnostics',
] as const;
type ListName = (typeof LISTS)[number];

interface Header {
  readonly key: string;
  /** The key of the search index kept for these pages (see ContentStore.openingFile). */
  readonly searchKey: string;
  /** Markdown pages the graph was made from (section pages excluded). */
  readonly pages: number;
  /** Each part's list and its length in bytes, in file order. */
  readonly parts: readonly (readonly [ListName, number])[];
  /** CRC-32 of every part's bytes, in order. */
  readonly crc: number;
}

/** What a snapshot holds beside the graph. */
export interface SnapshotFacts {
  readonly searchKey: string;
  readonly pages: number;
}

/**
 * Names these files as read by this code with these settings: `fingerprint` is the parse cache's
 * (code and extraction settings), `stamps` every page file's stamp. Equal keys, equal graphs.
 */
export function snapshotKey(fingerprint: string, stamps: ReadonlyMap<string, FileStamp>): string {
  const hash = createHash('sha1').update(fingerprint);
  for (const path of [...stamps.keys()].sort()) {
    const s = stamps.get(path) as FileStamp;
    hash.update(`\u0000${path}\u0000${s.size}\u0000${s.mtimeMs}\u0000${s.ino}`);
  }
  return hash.digest('hex');
}

/** The graph's lists as the snapshot stores them: maps as their entries, in iteration order. */
function listsOf(graph: Graph): Record<ListName, readonly unknown[]> {
  return {
    events: [...graph.events],
    talks: [...graph.talks],
    speakers: [...graph.speakers],
    resources: [...graph.resources],
    projects: [...graph.projects],
    eventOrder: graph.eventOrder,
    talkOrder: graph.talkOrder,
    speakerOrder: graph.speakerOrder,
    projectOrder: graph.projectOrder,
    eventBySlug: [...graph.eventBySlug],
    eventsBySlug: [...graph.eventsBySlug],
    eventsByTag: [...graph.eventsByTag],
    diagnostics: graph.diagnostics,
  };
}

/**
 * The snapshot's parts one after another (each made when the one before was taken), then its
 * header: magic, parts, header, header length, magic. The header goes last so that no more than
 * one part is in memory at a time: the whole snapshot at once was 120 MB more peak RSS at 10,000 pages.
 */
export function* encodeGraphSnapshot(graph: Graph, key: string, facts: SnapshotFacts): Generator<Buffer> {
  yield Buffer.from(MAGIC, 'utf8');
  const names: [ListName, number][] = [];
  let crc = 0;
  const lists = listsOf(graph);
  for (const name of LISTS) {
    let batch: string[] = [];
    let chars = 0;
    let parts = 0;
    const part = () => {
      const bytes = Buffer.from(`[${batch.join(',')}]`, ENCODING);
      crc = crc32(bytes, crc);
      names.push([name, bytes.length]);
      batch = [];
      chars = 0;
      parts++;
      return bytes;
    };
    for (const item of lists[name]) {
      const json = JSON.stringify(item);
      if (chars > 0 && chars + json.length > PART_CHARS) yield part();
      batch.push(json);
      chars += json.length + 1;
    }
    if (batch.length > 0 || parts === 0) yield part();
  }
  const header: Header = { key, searchKey: facts.searchKey, pages: facts.pages, parts: names, crc };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  yield Buffer.concat([json, length, Buffer.from(MAGIC, 'utf8')]);
}

/**
 * Writes the snapshot through a temporary file renamed over the old one, so a crash or a second
 * process never leaves half a snapshot under the name.
 */
export async function writeGraphSnapshot(path: string, graph: Graph, key: string, facts: SnapshotFacts): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      for (const bytes of encodeGraphSnapshot(graph, key, facts)) {
        const { bytesWritten } = await handle.write(bytes);
        if (bytesWritten !== bytes.length) throw new Error(`wrote ${bytesWritten} of ${bytes.length} bytes`);
      }
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export type SnapshotRead =
  | { readonly graph: Graph; readonly facts: SnapshotFacts }
  /** `missing`: there is none (no reason to say so); otherwise why it is not used. */
  | { readonly graph: null; readonly missing: boolean; readonly reason: string };

/** The key of the snapshot at `path` (its header only), or null when there is none readable. */
export async function snapshotKeyAt(path: string): Promise<string | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    return (await readHeader(handle)).key;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/** The graph kept at `path` when it was kept under `key` and reads back whole. */
export async function readGraphSnapshot(path: string, key: string): Promise<SnapshotRead> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return { graph: null, missing: true, reason: 'there is none' };
  }
  try {
    const header = await readHeader(handle);
    if (header.key !== key) return { graph: null, missing: false, reason: 'it was made from other files or by other code' };
    const lists = new Map<ListName, unknown[]>(LISTS.map((name) => [name, []]));
    let offset = MAGIC_BYTES;
    let crc = 0;
    // One buffer for every part, grown as needed (see ShardReader in parse-cache.ts).
    let buffer = Buffer.alloc(0);
    for (const [name, length] of header.parts) {
      const list = lists.get(name);
      if (!list || !Number.isSafeInteger(length) || length < 0 || offset + length > header.start) throw new Error('the header names a part it cannot have');
      if (buffer.length < length) buffer = Buffer.allocUnsafe(Math.max(length, buffer.length * 2));
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      if (bytesRead !== length) throw new Error('it is cut short');
      crc = crc32(buffer.subarray(0, length), crc);
      offset += length;
      const items: unknown = JSON.parse(buffer.toString(ENCODING, 0, length));
      if (!Array.isArray(items)) throw new Error('a part is not a list');
      for (const item of items) list.push(item);
    }
    if (offset !== header.start) throw new Error('its parts do not fill it');
    if (crc !== header.crc) throw new Error('its checksum does not match');
    return { graph: graphOf(lists), facts: { searchKey: header.searchKey, pages: header.pages } };
  } catch (error) {
    return { graph: null, missing: false, reason: `it is damaged (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await handle.close();
  }
}

/** The header, read from the end of the file, and where it starts (where the parts end). */
async function readHeader(handle: FileHandle): Promise<Header & { readonly start: number }> {
  const { size } = await handle.stat();
  const trailer = 4 + MAGIC_BYTES;
  const head = Buffer.alloc(MAGIC_BYTES);
  const tail = Buffer.alloc(trailer);
  if (size < MAGIC_BYTES + trailer) throw new Error('it is not a graph snapshot');
  await handle.read(head, 0, MAGIC_BYTES, 0);
  await handle.read(tail, 0, trailer, size - trailer);
  if (head.toString('utf8') !== MAGIC || tail.toString('utf8', 4) !== MAGIC) throw new Error('it is not a graph snapshot, or is cut short');
  const length = tail.readUInt32LE(0);
  const start = size - trailer - length;
  if (start < MAGIC_BYTES) throw new Error('its header is cut short');
  const json = Buffer.alloc(length);
  await handle.read(json, 0, length, start);
  const header = JSON.parse(json.toString('utf8')) as Header;
  if (typeof header.key !== 'string' || typeof header.searchKey !== 'string' || !Array.isArray(header.parts) || typeof header.crc !== 'number' || typeof header.pages !== 'number') {
    throw new Error('its header is not one of a graph snapshot');
  }
  return { ...header, start };
}

/** The graph of the lists read; the maps derived from others (talkRank) are made again. */
function graphOf(lists: ReadonlyMap<ListName, unknown[]>): Graph {
  const list = <T>(name: ListName) => lists.get(name) as T[];
  const map = <V>(name: ListName) => new Map(list<[string, V]>(name));
  const talkOrder = list<string>('talkOrder');
  return {
    version: newGraphVersion(),
    events: map('events'),
    talks: map('talks'),
    speakers: map('speakers'),
    resources: map('resources'),
    projects: map('projects'),
    eventOrder: list('eventOrder'),
    talkOrder,
    talkRank: new Map(talkOrder.map((id, i) => [id, i])),
    speakerOrder: list('speakerOrder'),
    projectOrder: list('projectOrder'),
    eventBySlug: map('eventBySlug'),
    eventsBySlug: map('eventsBySlug'),
    eventsByTag: map('eventsByTag'),
    diagnostics: list('diagnostics'),
  };
}
