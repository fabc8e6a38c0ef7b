import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onContentChange } from '../../site/src/lib/content-events.ts';
import { syntheticDocuments } from '../../site/src/lib/search/bench.ts';
import {
  createEngine,
  flushSearchIndex,
  runSearch,
  type SearchDocument,
  type SearchEngine,
  type SearchSource,
  type SearchType,
  search,
  searchIndexStats,
  setSearchSource,
} from '../../site/src/lib/search/index.ts';
import { decodeEngine, encodeEngine, loadEngine, saveEngine } from '../../site/src/lib/search/persist.ts';

const QUERIES = ['hiep hoa', 'dinh duong', 'khai gia', 'chuyen doii', '380/QĐ-MNHH', 'thực đơn', 'xyzzy'];

const roundTrip = async (engine: SearchEngine): Promise<SearchEngine> => decodeEngine(Buffer.concat(await encodeEngine(engine)));

/** What a query answers, in order, with the marked HTML: "the same answers" means all of it. */
const answers = (engine: SearchEngine) => QUERIES.map((q) => runSearch(engine, q).map((h) => [h.id, h.titleHtml, h.excerptHtml, h.score.toFixed(6)]));

class FakeCms implements SearchSource {
  readonly docs = new Map<string, SearchDocument>();
  listAllCalls = 0;
  fetchedIds: string[] = [];

  constructor(docs: SearchDocument[]) {
    for (const doc of docs) this.docs.set(doc.id, doc);
  }

  async *listAll(): AsyncGenerator<SearchDocument[]> {
    this.listAllCalls++;
    yield [...this.docs.values()];
  }

  async listStamps(type: SearchType) {
    return [...this.docs.values()].filter((d) => d.type === type).map((d) => ({ documentId: d.id.slice(d.id.indexOf(':') + 1), updatedAt: d.stamp ?? null }));
  }

  async fetch(type: SearchType, ids: string[]): Promise<SearchDocument[]> {
    this.fetchedIds.push(...ids);
    return ids.flatMap((id) => this.docs.get(`${type}:${id}`) ?? []);
  }
}

let dir = '';
let file = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'search-index-'));
  file = path.join(dir, 'nested', 'search-index.json');
});
afterEach(() => {
  setSearchSource(null);
  rmSync(dir, { recursive: true, force: true });
});

describe('the engine written to disk and read back', () => {
  it('answers every query exactly as before, marks and scores included', async () => {
    const engine = createEngine(syntheticDocuments(300));
    const before = answers(engine);
    const loaded = await roundTrip(engine);
    expect(loaded.size).toBe(300);
    expect(answers(loaded)).toEqual(before);
  });

  it('writes a large index in slices, letting other requests run between them, and reads back the same', async () => {
    const engine = createEngine(syntheticDocuments(2_000));
    let turns = 0;
    let running = true;
    const other = () => {
      turns++;
      if (running) setImmediate(other);
    };
    setImmediate(other);
    const parts = await encodeEngine(engine);
    running = false;
    // 2,000 documents are eight slices: the event loop had a turn between each.
    expect(turns).toBeGreaterThanOrEqual(7);
    const loaded = decodeEngine(Buffer.concat(parts));
    expect(loaded.size).toBe(2_000);
    for (const q of QUERIES) expect(loaded.search(q, 0, 10)).toEqual(engine.search(q, 0, 10));
  });

  it('answers the same after updates and removals that compact the posting lists', async () => {
    const docs = syntheticDocuments(400);
    const engine = createEngine(docs);
    for (const doc of docs.slice(0, 150)) engine.remove(doc.id);
    for (const doc of docs.slice(150, 200)) engine.upsert({ ...doc, title: `${doc.title} dinh dưỡng` });
    const fresh = createEngine([...docs.slice(150, 200).map((d) => ({ ...d, title: `${d.title} dinh dưỡng` })), ...docs.slice(200)]);
    expect(engine.size).toBe(250);
    const byId = (e: SearchEngine) =>
      QUERIES.map((q) =>
        runSearch(e, q)
          .map((h) => h.id)
          .sort(),
      );
    expect(byId(engine)).toEqual(byId(fresh));
    expect(byId(await roundTrip(engine))).toEqual(byId(fresh));
  });

  it('refuses a file of another version, cut short, with extra bytes or with postings that do not fit the documents', async () => {
    const engine = createEngine(syntheticDocuments(20));
    const good = Buffer.concat(await encodeEngine(engine));
    expect((await roundTrip(engine)).size).toBe(20);
    const header = JSON.parse(good.toString('utf8', 8, 8 + good.readUInt32LE(4))) as { version: number; docs: unknown[] };
    const withHeader = (change: (h: typeof header) => void): Buffer => {
      const copy = structuredClone(header);
      change(copy);
      const json = Buffer.from(JSON.stringify(copy));
      const lead = Buffer.alloc(8);
      lead.write('PSIX', 0, 'latin1');
      lead.writeUInt32LE(json.length, 4);
      const rest = good.subarray(8 + good.readUInt32LE(4) + ((4 - ((8 + good.readUInt32LE(4)) % 4)) % 4));
      return Buffer.concat([lead, json, Buffer.alloc((4 - ((8 + json.length) % 4)) % 4), rest]);
    };
    expect(() => decodeEngine(withHeader(() => {}))).not.toThrow();
    expect(() => decodeEngine(withHeader((h) => (h.version -= 1)))).toThrow();
    expect(() => decodeEngine(withHeader((h) => h.docs.pop()))).toThrow();
    expect(() => decodeEngine(good.subarray(0, good.length - 4))).toThrow();
    expect(() => decodeEngine(Buffer.concat([good, Buffer.alloc(4)]))).toThrow();
    expect(() => decodeEngine(Buffer.from('{"version":3}'))).toThrow();
  });

  it('reads a file piece by piece into the same engine, and takes a damaged one for no file', async () => {
    const engine = createEngine(syntheticDocuments(20));
    const dir = mkdtempSync(path.join(tmpdir(), 'search-load-'));
    try {
      const file = path.join(dir, 'index.bin');
      await saveEngine(engine, file);
      const good = readFileSync(file);
      expect(answers((await loadEngine(file)) as SearchEngine)).toEqual(answers(engine));
      const damaged = [
        good.subarray(0, good.length - 4),
        Buffer.concat([good, Buffer.alloc(4)]),
        good.subarray(0, 6),
        Buffer.from('PSIX\xff\xff\xff\x7f', 'latin1'),
      ];
      for (const bytes of damaged) {
        writeFileSync(file, bytes);
        expect(await loadEngine(file)).toBeNull();
      }
      expect(await loadEngine(path.join(dir, 'missing.bin'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('answers that depend only on the documents held', () => {
  it('ranks the same after a document was replaced and another removed through webhooks as an index read afresh', async () => {
    const docs = syntheticDocuments(120);
    const cms = new FakeCms(docs);
    setSearchSource(cms);
    await search('truong');
    const edited = { ...docs[5]!, title: `${docs[5]!.title} khai giảng`, stamp: '2027-01-01T00:00:00.000Z' };
    cms.docs.set(edited.id, edited);
    cms.docs.delete(docs[7]!.id);
    onContentChange(['article', 'activity', 'directive', 'menu', `doc:${docs[5]!.id.split(':')[1]}`, `doc:${docs[7]!.id.split(':')[1]}`]);
    const updated = await Promise.all(QUERIES.map((q) => search(q)));
    setSearchSource(new FakeCms([...cms.docs.values()]));
    const fresh = await Promise.all(QUERIES.map((q) => search(q)));
    const ranking = (pages: typeof fresh) => pages.map((p) => p.hits.map((h) => [h.id, h.score.toFixed(6)]));
    expect(ranking(updated)).toEqual(ranking(fresh));
  });
});

describe('a restart with SEARCH_INDEX_FILE', () => {
  it('writes the index atomically, then a restarted process loads it and answers the same without reading the CMS in full', async () => {
    const cms = new FakeCms(syntheticDocuments(200));
    setSearchSource(cms, file);
    const first = await Promise.all(QUERIES.map((q) => search(q)));
    await flushSearchIndex();
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(path.dirname(file))).toEqual(['search-index.json']);

    const restarted = new FakeCms([...cms.docs.values()]);
    setSearchSource(restarted, file);
    const second = await Promise.all(QUERIES.map((q) => search(q)));
    await flushSearchIndex();
    expect(second).toEqual(first);
    expect(restarted.listAllCalls).toBe(0);
    expect(searchIndexStats()).toMatchObject({ fullReads: 0, loadedFromFile: 1 });
    // Reconciliation at start compared updatedAt and found nothing to fetch.
    expect(restarted.fetchedIds).toEqual([]);
  });

  it('picks up, at start, only what changed while the site was not running', async () => {
    const docs = syntheticDocuments(50);
    setSearchSource(new FakeCms(docs), file);
    await search('truong');
    await flushSearchIndex();

    const changed = new FakeCms(docs.slice(1));
    const edited = docs[2]!;
    changed.docs.set(edited.id, { ...edited, title: 'Hội thi Xuân Kiwiquả', stamp: '2027-01-01T00:00:00.000Z' });
    setSearchSource(changed, file);
    await search('truong');
    await flushSearchIndex();
    expect(changed.listAllCalls).toBe(0);
    expect(changed.fetchedIds).toEqual([edited.id.split(':')[1]]);
    expect((await search('kiwiqua')).hits.map((h) => h.id)).toEqual([edited.id]);
    expect((await search('truong')).hits.map((h) => h.id)).not.toContain(docs[0]!.id);
  });

  it('ignores a corrupt, truncated or older file: one full read rebuilds it, and search never fails', async () => {
    const cms = new FakeCms(syntheticDocuments(30));
    setSearchSource(cms, file);
    await search('truong');
    await flushSearchIndex();
    const good = readFileSync(file);
    const older = Buffer.from(good);
    // The header's JSON starts with {"version":3 — make it 1.
    older.write('1', older.indexOf('"version":') + 10, 'latin1');
    for (const broken of [Buffer.from('{garbage'), good.subarray(0, Math.floor(good.length / 2)), older, Buffer.alloc(0)]) {
      writeFileSync(file, broken);
      const fresh = new FakeCms([...cms.docs.values()]);
      setSearchSource(fresh, file);
      expect((await search('truong')).total).toBeGreaterThan(0);
      expect(fresh.listAllCalls).toBe(1);
      await flushSearchIndex();
      // Rewritten whole: the next start loads it.
      expect(decodeEngine(readFileSync(file)).size).toBe(30);
    }
  });
});
