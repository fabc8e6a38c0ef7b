/**
 * The search index on disk, so a restart loads it and only reconciles instead of reading every document
 * from the CMS again. Written atomically (a temporary file renamed over the old one), so a crash mid-write
 * leaves the previous file; a missing, corrupt or older-version file reads as "no index", never an error.
 *
 * Format: "PSIX", a little-endian u32 length and that many bytes of JSON (version, documents, vocabulary,
 * sizes), padding to a multiple of 4, then the raw posting arrays (offsets, ordinals, weights). Raw bytes
 * rather than JSON numbers or base64: no large strings are built, and loading is a copy.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
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

/** The JSON's length, from the file's first 8 bytes; throws when they are not this format's. */
function jsonLengthOf(lead: Buffer, fileSize: number): number {
  if (lead.length < 8 || fileSize < 8 || lead.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a search index file');
  const jsonLength = lead.readUInt32LE(4);
  if (8 + jsonLength > fileSize) throw new Error('the file is cut short');
  return jsonLength;
}

function parseHeader(json: string): Header {
  const header = JSON.parse(json) as Header;
  if (header.endianness !== os.endianness()) throw new Error('written on a machine of another byte order');
  if (!Array.isArray(header.terms) || !Number.isInteger(header.postings) || header.postings < 0) throw new Error('not a search index header');
  return header;
}

/** Where the posting arrays begin: after the lead, the JSON and its padding to a multiple of 4. */
const arraysStart = (jsonLength: number): number => 8 + jsonLength + ((4 - ((8 + jsonLength) % 4)) % 4);

/** Byte lengths of the three arrays, in file order: offsets, ordinals, weights. */
const arrayBytes = (header: Header): number[] => [(header.terms.length + 1) * 4, header.postings * 4, header.postings * 4];

function engineOf(header: Header, [offsets, ordinals, weights]: ArrayBuffer[]): SearchEngine {
  return SearchEngine.fromSnapshot({
    version: header.version,
    docs: header.docs,
    terms: header.terms,
    offsets: new Uint32Array(offsets as ArrayBuffer),
    ordinals: new Uint32Array(ordinals as ArrayBuffer),
    weights: new Float32Array(weights as ArrayBuffer),
  });
}

export function decodeEngine(bytes: Buffer): SearchEngine {
  const jsonLength = jsonLengthOf(bytes, bytes.length);
  const header = parseHeader(bytes.toString('utf8', 8, 8 + jsonLength));
  let at = arraysStart(jsonLength);
  // Each array copied out of the file's buffer: typed arrays need alignment, and the file can be freed.
  const arrays = arrayBytes(header).map((length) => {
    if (at + length > bytes.length) throw new Error('the file is cut short');
    const copy = bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + length) as ArrayBuffer;
    at += length;
    return copy;
  });
  if (at !== bytes.length) throw new Error('the file has bytes past its end');
  return engineOf(header, arrays);
}

/**
 * Reads the file piece by piece, each posting array straight into its own memory: reading it whole and
 * copying the arrays out held the file twice at start (about 40 MB more at the benchmark's scale).
 */
async function readEngine(file: string): Promise<SearchEngine> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const readAt = async (target: Uint8Array, position: number): Promise<void> => {
      for (let done = 0; done < target.byteLength; ) {
        const { bytesRead } = await handle.read(target, done, target.byteLength - done, position + done);
        if (bytesRead === 0) throw new Error('the file is cut short');
        done += bytesRead;
      }
    };
    const lead = Buffer.alloc(8);
    if (size >= 8) await readAt(lead, 0);
    const jsonLength = jsonLengthOf(lead, size);
    const json = Buffer.allocUnsafe(jsonLength);
    await readAt(json, 8);
    const header = parseHeader(json.toString('utf8'));
    let at = arraysStart(jsonLength);
    const arrays: ArrayBuffer[] = [];
    for (const length of arrayBytes(header)) {
      if (at + length > size) throw new Error('the file is cut short');
      const array = new ArrayBuffer(length);
      await readAt(new Uint8Array(array), at);
      arrays.push(array);
      at += length;
    }
    if (at !== size) throw new Error('the file has bytes past its end');
    return engineOf(header, arrays);
  } finally {
    await handle.close();
  }
}

export async function loadEngine(file: string): Promise<SearchEngine | null> {
  try {
    return await readEngine(file);
  } catch (error) {
    // A missing file is the normal first start; anything else is worth a line in the log.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      console.error('[search] ignoring the index file %s (%s); rebuilding it from the CMS', file, error instanceof Error ? error.message : String(error));
    }
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
