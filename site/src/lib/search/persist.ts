/**
 * The search index on disk, so a restart loads it and only reconciles instead of reading every document
 * from the CMS again. Written atomically (a temporary file renamed over the old one), so a crash mid-write
 * leaves the previous file; a missing, corrupt or older-version file reads as "no index", never an error.
 *
 * Format: "PSIX", a little-endian u32 length and that many bytes of JSON (version, documents, vocabulary,
 * sizes), padding to a multiple of 4, then the raw posting arrays (offsets, ordinals, weights). Raw bytes
 * rather than JSON numbers or base64: no large strings are built, and loading is a copy.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
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

/**
 * Hands the file to `write` piece by piece, each JSON slice as soon as it is made (so a slice can be freed
 * once written), and returns the 8-byte lead, which names the JSON's length and so comes last; the caller
 * puts it in front.
 */
async function writeEngine(engine: SearchEngine, write: (piece: Buffer) => Promise<void>): Promise<Buffer> {
  // Taken at once: later changes to the engine do not reach this snapshot while it is written out.
  const { version, docs, terms, offsets, ordinals, weights } = engine.toSnapshot();
  const head = JSON.stringify({ version, endianness: os.endianness(), terms, postings: ordinals.length } satisfies Omit<Header, 'docs'>);
  let jsonLength = 0;
  const json = async (text: string) => {
    const piece = Buffer.from(text, 'utf8');
    jsonLength += piece.length;
    await write(piece);
  };
  await json(`${head.slice(0, -1)},"docs":[`);
  for (let at = 0; at < docs.length; at += DOCS_PER_SLICE) {
    if (at > 0) await nextTurn();
    const slice = JSON.stringify(docs.slice(at, at + DOCS_PER_SLICE));
    await json(`${at > 0 ? ',' : ''}${slice.slice(1, -1)}`);
  }
  await json(']}');
  await write(Buffer.alloc((4 - ((8 + jsonLength) % 4)) % 4));
  const raw = (array: Uint32Array | Float32Array): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  for (const array of [offsets, ordinals, weights]) await write(raw(array));
  const lead = Buffer.alloc(8);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(jsonLength, 4);
  return lead;
}

/** The whole file as pieces (tests, and what `saveEngine` writes). */
export async function encodeEngine(engine: SearchEngine): Promise<Buffer[]> {
  const pieces: Buffer[] = [];
  const lead = await writeEngine(engine, async (piece) => {
    pieces.push(piece);
  });
  return [lead, ...pieces];
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
    const handle = await open(temporary, 'w', 0o600);
    try {
      // Room for the lead, written last at the start of the file.
      let position = 8;
      const lead = await writeEngine(engine, async (piece) => {
        await handle.write(piece, 0, piece.length, position);
        position += piece.length;
      });
      await handle.write(lead, 0, lead.length, 0);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
