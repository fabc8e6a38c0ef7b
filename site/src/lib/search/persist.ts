/**
 * The search index on disk, so a restart loads it and only reconciles instead of reading every document
 * from the CMS again. Written atomically (a temporary file renamed over the old one), so a crash mid-write
 * leaves the previous file; a missing, corrupt or older-version file reads as "no index", never an error.
 *
 * Format: "PSIX", a little-endian u32 length and that many bytes of JSON (version, documents, vocabulary,
 * sizes), padding to a multiple of 4, then the raw posting arrays (offsets, ordinals, weights). Raw bytes
 * rather than JSON numbers or base64: no large strings are built, and loading is a copy.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type EngineSnapshot, SearchEngine } from './engine.ts';

const MAGIC = 'PSIX';

interface Header {
  version: number;
  /** Typed arrays are written in this machine's byte order; a file from another one is rebuilt. */
  endianness: 'LE' | 'BE';
  docs: EngineSnapshot['docs'];
  terms: string[];
  postings: number;
}

/**
 * Documents per slice of the file's JSON: stringifying ten thousand documents at once held the event
 * loop for 150–300 ms after every publication; between slices of this size pages keep being served.
 */
const DOCS_PER_SLICE = 250;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function encodeEngine(engine: SearchEngine): Promise<Buffer[]> {
  // Taken at once: later changes to the engine do not reach this snapshot while it is written out.
  const { version, docs, terms, offsets, ordinals, weights } = engine.toSnapshot();
  const head = JSON.stringify({ version, endianness: os.endianness(), terms, postings: ordinals.length } satisfies Omit<Header, 'docs'>);
  const json: Buffer[] = [Buffer.from(`${head.slice(0, -1)},"docs":[`, 'utf8')];
  for (let at = 0; at < docs.length; at += DOCS_PER_SLICE) {
    if (at > 0) await nextTurn();
    const slice = JSON.stringify(docs.slice(at, at + DOCS_PER_SLICE));
    json.push(Buffer.from(`${at > 0 ? ',' : ''}${slice.slice(1, -1)}`, 'utf8'));
  }
  json.push(Buffer.from(']}', 'utf8'));
  const jsonLength = json.reduce((sum, part) => sum + part.length, 0);
  const lead = Buffer.alloc(8);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(jsonLength, 4);
  const padding = Buffer.alloc((4 - ((8 + jsonLength) % 4)) % 4);
  const raw = (array: Uint32Array | Float32Array): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return [lead, ...json, padding, raw(offsets), raw(ordinals), raw(weights)];
}

export function decodeEngine(bytes: Buffer): SearchEngine {
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a search index file');
  const jsonLength = bytes.readUInt32LE(4);
  if (8 + jsonLength > bytes.length) throw new Error('the file is cut short');
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + jsonLength)) as Header;
  if (header.endianness !== os.endianness()) throw new Error('written on a machine of another byte order');
  if (!Array.isArray(header.terms) || !Number.isInteger(header.postings) || header.postings < 0) throw new Error('not a search index header');
  let at = 8 + jsonLength + ((4 - ((8 + jsonLength) % 4)) % 4);
  // Each array copied out of the file's buffer: typed arrays need alignment, and the file can be freed.
  const take = (count: number): ArrayBuffer => {
    const end = at + count * 4;
    if (end > bytes.length) throw new Error('the file is cut short');
    const copy = bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + end) as ArrayBuffer;
    at = end;
    return copy;
  };
  const offsets = new Uint32Array(take(header.terms.length + 1));
  const ordinals = new Uint32Array(take(header.postings));
  const weights = new Float32Array(take(header.postings));
  if (at !== bytes.length) throw new Error('the file has bytes past its end');
  return SearchEngine.fromSnapshot({ version: header.version, docs: header.docs, terms: header.terms, offsets, ordinals, weights });
}

export async function loadEngine(file: string): Promise<SearchEngine | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return null;
  }
  try {
    return decodeEngine(bytes);
  } catch (error) {
    console.error('[search] ignoring the index file %s (%s); rebuilding it from the CMS', file, error instanceof Error ? error.message : String(error));
    return null;
  }
}

export async function saveEngine(engine: SearchEngine, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, await encodeEngine(engine), { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
