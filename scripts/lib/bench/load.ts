/**
 * Loads the generated bench dataset into the CMS, in a Strapi process of its own, the way scripts/seed.ts
 * loads the demo content: files through the upload service, documents through the document service, created
 * published and approved (so every workflow and validation rule runs). Run by scripts/bench.ts with the
 * bench installation's environment (its own database and uploads folder), after the demo content.
 *
 *   node scripts/lib/bench/load.ts <scale>
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REVIEW_STATES } from '@portal/common/review-states';
import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { toBlocks } from '../blocks.ts';
import { cmsDir } from '../paths.ts';
import { generate, type Photo } from './generate.ts';
import { inPool } from './pool.ts';
import { albumPhotoCount } from './sections.ts';

const { createStrapi } = createRequire(import.meta.url)('@strapi/strapi') as typeof import('@strapi/strapi');

type Json = Record<string, unknown>;
interface Upload {
  upload(args: unknown): Promise<{ id: number }[]>;
  getSettings(): Promise<Record<string, unknown> | null>;
  setSettings(value: Record<string, unknown>): Promise<unknown>;
}

/** Small photos, as a phone's thumbnails would be: 160×120 JPEGs of a coloured gradient with a few shapes. */
function photoBytes(photo: Photo): Promise<Buffer> {
  const shapes = Array.from({ length: 4 }, (_, i) => {
    const x = (photo.seed * (i + 3)) % 160;
    const y = (photo.seed * (i + 7)) % 120;
    return `<circle cx="${x}" cy="${y}" r="${12 + ((photo.seed >> i) % 20)}" fill="hsl(${(photo.hue + i * 60) % 360} 70% 55%)"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120"><rect width="160" height="120" fill="hsl(${photo.hue} 60% 85%)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

async function main() {
  const scale = Number(process.argv[2]);
  const dataset = generate(scale);
  process.chdir(cmsDir);
  process.loadEnvFile(path.join(cmsDir, '.env'));
  // A one-off process: no disclosure reminders from it (cms/src/workflow/disclosure-reminders.ts).
  process.env.DISCLOSURE_REMINDER_INTERVAL_MS = '0';
  const strapi: Core.Strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
  // Purge warnings (no site runs during the load) and per-document info would flood the terminal.
  strapi.log.level = 'error';
  const workDir = mkdtempSync(path.join(tmpdir(), 'bench-load-'));
  const began = Date.now();
  // Where the time goes (summed over concurrent calls), printed at the end to show what bounds the load.
  const spent = { photos: 0, documents: 0 };
  let restoreSettings: (() => Promise<unknown>) | undefined;
  let versions = 0;
  try {
    // The load is rebuilt from scratch when interrupted, so durability per statement buys nothing here.
    await strapi.db.connection.raw('PRAGMA synchronous = OFF');
    const upload = strapi.plugin('upload').service('upload') as unknown as Upload;
    // Every photo still goes through the upload service and its checks, but 160×120 JPEGs gain nothing from
    // being re-encoded or given responsive sizes, which cost most of the load's time; the setting of the
    // bench installation is put back afterwards.
    const settings = (await upload.getSettings()) ?? {};
    await upload.setSettings({ ...settings, sizeOptimization: false, responsiveDimensions: false, autoOrientation: false });
    restoreSettings = () => upload.setSettings(settings);
    /** A document's photos in one call of the upload service (one temporary folder, one batch). */
    const storePhotos = async (photos: Photo[]): Promise<number[]> => {
      const started = performance.now();
      const files = await Promise.all(
        photos.map(async (photo) => {
          const bytes = await photoBytes(photo);
          const filepath = path.join(workDir, photo.name);
          writeFileSync(filepath, bytes);
          return { filepath, originalFilename: photo.name, mimetype: 'image/jpeg', size: bytes.length };
        }),
      );
      const stored = await upload.upload({
        data: { fileInfo: photos.map((photo) => ({ name: photo.name, alternativeText: photo.alt, caption: null })) },
        files,
      });
      for (const file of files) rmSync(file.filepath, { force: true });
      if (stored.length !== photos.length) throw new Error(`Không tải lên được ảnh ${photos.map((p) => p.name).join(', ')}`);
      spent.photos += performance.now() - started;
      return stored.map((file) => file.id);
    };
    const create = async (uid: string, data: Json): Promise<string> => {
      const started = performance.now();
      const documents = strapi.documents(uid as 'api::article.article');
      const created = (await documents.create({ data: { ...data, reviewState: REVIEW_STATES.approved } as never, status: 'published' } as never)) as {
        documentId: string;
      };
      spent.documents += performance.now() - started;
      return created.documentId;
    };
    /** Loads `items` with `concurrency` in flight, printing the progress every five seconds. */
    const loadEach = async <T>(label: string, items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>) => {
      let last = 0;
      let doneCount = 0;
      await inPool(items, concurrency, async (item, index) => {
        await work(item, index);
        doneCount += 1;
        if (Date.now() - last < 5_000 && doneCount < items.length) return;
        last = Date.now();
        console.log(`  ${label}: ${doneCount}/${items.length} (${((Date.now() - began) / 1000).toFixed(0)} s)`);
      });
    };

    const categories = (await strapi.documents(uidOf('category')).findMany({ fields: ['slug'] } as never)) as unknown as { documentId: string; slug: string }[];
    const categoryIds = new Map(categories.map((c) => [c.slug, c.documentId]));

    // Directives in date order, each citing earlier ones: one at a time, so that every cited document exists.
    const directiveIds: string[] = [];
    await loadEach('văn bản', dataset.directives, 1, async (directive, index) => {
      const { basedOn, body, ...fields } = directive;
      directiveIds[index] = await create(uidOf('directive'), {
        ...fields,
        body: toBlocks(body),
        basedOn: basedOn.map((cited) => directiveIds[cited] as string),
      });
    });

    const published: { uid: string; documentId: string; at: string }[] = [];
    await loadEach('bài tin tức', dataset.articles, 4, async (article) => {
      const [cover, ...gallery] = await storePhotos([article.cover, ...article.gallery]);
      const category = categoryIds.get(article.category);
      if (!category) throw new Error(`Không có chuyên mục ${article.category} (dữ liệu mẫu chưa được nạp?)`);
      const { publishedAt, body, cover: _c, gallery: _g, category: _k, ...fields } = article;
      const documentId = await create(uidOf('article'), { ...fields, body: toBlocks(body), cover, gallery, category });
      published.push({ uid: uidOf('article'), documentId, at: publishedAt });
    });

    const activityIds: string[] = [];
    await loadEach('hoạt động', dataset.activities, 4, async (activity, index) => {
      const [cover, ...gallery] = await storePhotos([activity.cover, ...activity.gallery]);
      const { body, cover: _c, gallery: _g, ...fields } = activity;
      activityIds[index] = await create(uidOf('activity'), { ...fields, body: toBlocks(body), cover, gallery });
    });

    await loadEach('thực đơn', dataset.menus, 4, async (menu) => {
      await create(uidOf('menu'), { ...menu });
    });

    // Albums: most show an activity's gallery (a relation, no photos of their own), the rest their own photos.
    await loadEach('album ảnh', dataset.albums, 4, async (album) => {
      const { activity, photos, ...fields } = album;
      const photoIds = photos.length > 0 ? await storePhotos(photos) : [];
      const activityId = activity === null ? undefined : activityIds[activity];
      if (activity !== null && !activityId) throw new Error(`Album ${album.slug}: chưa có hoạt động thứ ${activity + 1}`);
      const documentId = await create(uidOf('album'), { ...fields, photos: photoIds, ...(activityId ? { activity: activityId } : {}) });
      published.push({ uid: uidOf('album'), documentId, at: `${album.date}T09:00:00.000Z` });
    });

    // Work calendars: published on the Friday before their week; one in four changed after that and
    // published again (the CMS marks the changed entry, and keeps the change as a version).
    await loadEach('lịch công tác tuần', dataset.workWeeks, 4, async (week) => {
      const { amended, entries, ...fields } = week;
      const planned = amended ? entries.map((entry, index) => (index === amended.index ? { ...entry, ...amended.before } : entry)) : entries;
      const documentId = await create(uidOf('work-week'), { ...fields, entries: planned });
      if (amended) {
        const started = performance.now();
        await strapi.documents(uidOf('work-week')).update({ documentId, data: { entries } as never, status: 'published' } as never);
        spent.documents += performance.now() - started;
      }
      const friday = new Date(Date.parse(`${week.weekStart}T02:00:00.000Z`) - 3 * 86_400_000).toISOString();
      published.push({ uid: uidOf('work-week'), documentId, at: friday });
    });

    // Parents' questions through the CMS's own rules, as the seeder loads the demo ones: stored as asked,
    // then answered; those whose asker consented get their public copy on /hoi-dap.
    const questionService = strapi.service(uidOf('question')) as unknown as { seed(question: Json): Promise<string> };
    await loadEach('câu hỏi của cha mẹ', dataset.questions, 4, async (question) => {
      const started = performance.now();
      await questionService.seed({ ...question, email: null });
      spent.documents += performance.now() - started;
    });

    for (const admission of dataset.admissions) {
      const { plan, publishedAt, ...fields } = admission;
      const documentId = await create(uidOf('admission'), { ...fields, plan: toBlocks(plan) });
      published.push({ uid: uidOf('admission'), documentId, at: publishedAt });
    }

    // Ten years of news: each article (album, calendar, season) keeps its own date, as the seeder does for the demo articles.
    await strapi.db.transaction(async () => {
      for (const { uid, documentId, at } of published) {
        await strapi.db
          .query(uid as 'api::article.article')
          .updateMany({ where: { documentId, publishedAt: { $notNull: true } }, data: { publishedAt: new Date(at) } });
      }
    });
    // Every save of a reviewed item is kept as a version (cms/src/workflow/revisions.ts): the loader's too.
    versions = await strapi.db.query(uidOf('revision')).count({});
  } finally {
    await restoreSettings?.();
    rmSync(workDir, { recursive: true, force: true });
    await strapi.destroy();
  }
  const { counts } = dataset;
  console.log(
    `  Đã nạp ${counts.articles} bài, ${counts.directives} văn bản, ${counts.activities} hoạt động, ${counts.photos} ảnh, ${counts.menus} thực đơn, ` +
      `${counts.workWeeks} lịch công tác tuần, ${counts.albums} album (${albumPhotoCount(dataset.albums)} ảnh riêng), ` +
      `${counts.questions} câu hỏi (${dataset.questions.filter((q) => q.publish).length} công khai), ${counts.admissions} đợt tuyển sinh; ` +
      `${versions} phiên bản nội dung (cả dữ liệu mẫu) ` +
      `trong ${((Date.now() - began) / 1000).toFixed(0)} s (cộng dồn: ảnh ${(spent.photos / 1000).toFixed(0)} s, tài liệu ${(spent.documents / 1000).toFixed(0)} s).`,
  );
}

main().catch((error: unknown) => {
  console.error('Nạp bộ dữ liệu đo hiệu năng thất bại:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
