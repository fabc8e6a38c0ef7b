/**
 * The search index on disk, so a restart loads it and only reconciles instead of reading every document
 * from the CMS again. Written atomically (a temporary file renamed over the old one), so a crash mid-write
 * leaves the previous file; a missing, corrupt or older-version file reads as "no index", never an error.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SearchEngine } from './engine.ts';

export async function loadEngine(file: string): Promise<SearchEngine | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return SearchEngine.fromJSON(JSON.parse(text));
  } catch (error) {
    console.error('[search] ignoring the index file %s (%s); rebuilding it from the CMS', file, error instanceof Error ? error.message : String(error));
    return null;
  }
}

export async function saveEngine(engine: SearchEngine, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(engine.toJSON()), { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
