import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Graph } from '../model/graph.js';
import { encodeSearchIndex, type StoredIndex } from '../search/search-index.js';

/**
 * The search index kept beside the parse cache, so a start on unchanged pages reads it instead of
 * indexing every event, talk and speaker again (at 10,000 pages the build was about 2.6 s of a
 * 6 s start). The search stage decides whether the bytes fit the graph (search-index.ts); this
 * module only reads and writes the file.
 */
export const SEARCH_INDEX_FILE = 'search-index.bin';

/** The kept index, or null when there is none (or it cannot be read: it is then built). */
export async function readStoredIndex(path: string, key: string): Promise<StoredIndex | null> {
  try {
    return { bytes: await readFile(path), key };
  } catch {
    return null;
  }
}

/**
 * Writes the graph's index when it was built whole: to a temporary file, then renamed over the
 * old one, so a crash or a second process writing at the same time never leaves half a file
 * under the name. False when there was nothing to write.
 */
export async function writeStoredIndex(path: string, key: string, graph: Graph): Promise<boolean> {
  const parts = encodeSearchIndex(graph, key);
  if (!parts) return false;
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      const { bytesWritten } = await handle.writev(parts);
      const size = parts.reduce((sum, part) => sum + part.byteLength, 0);
      if (bytesWritten !== size) throw new Error(`wrote ${bytesWritten} of ${size} bytes`);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return true;
}
