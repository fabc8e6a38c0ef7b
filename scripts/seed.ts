/**
 * Loads the demo content of cms/data/*.json into the CMS, idempotently: a document, file or account
 * that already exists (by its natural key) is left exactly as it is, so a second run changes nothing
 * and edits made in the admin survive. Any error stops the run with a non-zero exit.
 *
 *   node scripts/seed.ts            (run from the repository root, after `strapi build`)
 *
 * SEED_CONTENT=empty loads only the accounts and a school profile named SCHOOL_NAME (a district's new
 * school, scripts/district.ts): the roles come from the CMS itself, everything else the school writes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REVIEW_STATES } from '@portal/common/review-states';
import { isReviewedUid, uidOf } from '@portal/common/sections';
import { addDays, currentWeekMonday } from '@portal/common/work-week';
import type { Core } from '@strapi/strapi';
import { type Block, toBlocks } from './lib/blocks.ts';
import { ensureDemoAccounts } from './lib/demo-accounts.ts';
import { demoImage, demoLogo, type Motif } from './lib/demo-images.ts';
import { demoPdf } from './lib/demo-pdf.ts';

// Strapi's ESM build does not load under plain Node ESM (directory imports); its CommonJS build does.
const { createStrapi } = createRequire(import.meta.url)('@strapi/strapi') as typeof import('@strapi/strapi');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = path.join(root, 'cms');
const dataDir = path.join(cmsDir, 'data');

interface ImageSpec {
  alt: string;
  hue: number;
  motif: Motif;
}
interface FileSpec {
  title: string;
  fileName: string;
}
type Json = Record<string, unknown>;

const stats = { created: 0, kept: 0, files: 0 };

function load<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(dataDir, name), 'utf8')) as T;
}

class Seeder {
  private readonly workDir = mkdtempSync(path.join(tmpdir(), 'seed-'));
  private readonly strapi: Core.Strapi;
  constructor(strapi: Core.Strapi) {
    this.strapi = strapi;
  }

  close() {
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private async storeFile(name: string, bytes: Buffer, mimetype: string, alternativeText: string | null, caption?: string): Promise<number> {
    const existing = (await this.strapi.db.query('plugin::upload.file').findOne({ where: { name } })) as { id: number } | null;
    if (existing) return existing.id;
    const filepath = path.join(this.workDir, name);
    writeFileSync(filepath, bytes);
    const upload = this.strapi.plugin('upload').service('upload') as unknown as {
      upload(args: unknown): Promise<{ id: number }[]>;
    };
    const [file] = await upload.upload({
      data: { fileInfo: { name, alternativeText, caption: caption ?? null } },
      files: { filepath, originalFilename: name, mimetype, size: bytes.length },
    });
    if (!file) throw new Error(`Không tải lên được tệp ${name}`);
    stats.files += 1;
    return file.id;
  }

  async image(key: string, spec: ImageSpec, seed: number): Promise<number> {
    if (!spec.alt?.trim()) throw new Error(`Ảnh ${key} thiếu mô tả (alt)`);
    return this.storeFile(`${key}.jpg`, await demoImage(spec.motif, spec.hue, seed), 'image/jpeg', spec.alt);
  }

  async logo(key: string, alt: string): Promise<number> {
    if (!alt.trim()) throw new Error(`Ảnh ${key} thiếu mô tả (alt)`);
    return this.storeFile(`${key}.png`, await demoLogo(), 'image/png', alt);
  }

  async pdf(spec: FileSpec, lines: string[]): Promise<number> {
    return this.storeFile(spec.fileName, demoPdf([spec.title, '', ...lines]), 'application/pdf', null, spec.title);
  }

  /** Creates and publishes a document unless one with the same key exists (draft or published). */
  async ensure(uid: string, filters: Json, build: () => Promise<Json>): Promise<{ documentId: string; created: boolean }> {
    const documents = this.strapi.documents(uid as 'api::article.article');
    const existing = (await documents.findFirst({ filters, status: 'draft' } as never)) as { documentId: string } | null;
    if (existing) {
      stats.kept += 1;
      return { documentId: existing.documentId, created: false };
    }
    const data = await build();
    // Demo content stands for work the leadership has already approved.
    if (isReviewedUid(uid)) data.reviewState = REVIEW_STATES.approved;
    const created = (await documents.create({ data: data as never, status: 'published' } as never)) as { documentId: string };
    stats.created += 1;
    return { documentId: created.documentId, created: true };
  }

  async setDisclosureDates(documentId: string, first: string | undefined, last: string | undefined) {
    if (!first && !last) return;
    await this.strapi.db.query(uidOf('disclosure')).updateMany({
      where: { documentId },
      data: { ...(first ? { firstPublishedAt: new Date(first) } : {}), ...(last ? { lastUpdatedAt: new Date(last) } : {}) },
    });
  }

  async setPublishedAt(uid: string, documentId: string, iso: string) {
    await this.strapi.db.query(uid as 'api::article.article').updateMany({
      where: { documentId, publishedAt: { $notNull: true } },
      data: { publishedAt: new Date(iso) },
    });
  }
}

async function seedAccounts(strapi: Core.Strapi) {
  const file = process.env.DEMO_ACCOUNTS_FILE ?? path.join(root, 'var', 'demo-accounts.json');
  const accounts = ensureDemoAccounts(file);
  const users = strapi.service('admin::user') as unknown as { create(attributes: Json): Promise<unknown> };
  for (const account of accounts) {
    const exists = await strapi.db.query('admin::user').findOne({ where: { email: account.email } });
    if (exists) {
      stats.kept += 1;
      continue;
    }
    const role = (await strapi.db.query('admin::role').findOne({ where: { code: account.role } })) as { id: number } | null;
    if (!role) throw new Error(`Thiếu vai trò ${account.role}`);
    await users.create({
      email: account.email,
      firstname: account.firstname,
      lastname: account.lastname,
      password: account.password,
      isActive: true,
      preferedLanguage: 'vi',
      registrationToken: null,
      roles: [role.id],
    });
    stats.created += 1;
  }
}

interface Media {
  cover: ImageSpec;
  gallery?: ImageSpec[];
}

async function mediaIds(seeder: Seeder, key: string, item: Media, seed: number) {
  const cover = await seeder.image(`${key}-anh-dai-dien`, item.cover, seed);
  const gallery: number[] = [];
  for (const [index, spec] of (item.gallery ?? []).entries()) {
    gallery.push(await seeder.image(`${key}-anh-${index + 1}`, spec, seed + index + 1));
  }
  return { cover, gallery };
}

/** The school profile of an empty school: its name, with its required fields marked as still to fill in. */
async function seedEmptySchool(seeder: Seeder) {
  const name = process.env.SCHOOL_NAME?.trim();
  if (!name) throw new Error('SEED_CONTENT=empty cần SCHOOL_NAME (tên trường).');
  await seeder.ensure(uidOf('school'), {}, async () => ({
    name,
    address: 'Chưa cập nhật',
    // Required, and digits only: a placeholder the school replaces in the admin.
    phone: '0000 000 000',
    email: process.env.SCHOOL_EMAIL ?? 'lienhe@example.invalid',
    introduction: toBlocks([`${name}: phần giới thiệu đang được cập nhật.`]),
  }));
}

async function seedContent(strapi: Core.Strapi, seeder: Seeder) {
  const { logo, photo, ...school } = load<Json & { introduction: Block[]; logo: { alt: string }; photo: ImageSpec }>('school.json');
  await seeder.ensure(uidOf('school'), {}, async () => ({
    ...school,
    introduction: toBlocks(school.introduction),
    logo: await seeder.logo('truong-bieu-trung', logo.alt),
    photo: await seeder.image('truong-anh', photo, 1),
  }));

  const categories = load<{ name: string; slug: string; description?: string }[]>('categories.json');
  const categoryIds = new Map<string, string>();
  for (const category of categories) {
    const { documentId } = await seeder.ensure(uidOf('category'), { slug: category.slug }, async () => ({ ...category }));
    categoryIds.set(category.slug, documentId);
  }

  interface Directive {
    docType: string;
    number: string;
    body?: Block[];
    attachments?: FileSpec[];
    basedOn?: string[];
    supersedes?: string[];
    abstract: string;
    issuer: string;
    issuedOn: string;
  }
  const directives = load<Directive[]>('directives.json');
  const directiveIds = new Map<string, { documentId: string; created: boolean }>();
  for (const directive of directives) {
    const { body, attachments, basedOn: _b, supersedes: _s, ...fields } = directive;
    const result = await seeder.ensure(uidOf('directive'), { number: directive.number }, async () => {
      const files: number[] = [];
      for (const spec of attachments ?? []) {
        files.push(
          await seeder.pdf(spec, [
            `${directive.docType} so ${directive.number}`,
            `Ngay ban hanh: ${directive.issuedOn}`,
            directive.issuer,
            '',
            directive.abstract,
          ]),
        );
      }
      return { ...fields, body: body ? toBlocks(body) : undefined, attachments: files };
    });
    directiveIds.set(directive.number, result);
  }
  // Relations need every target to exist, so they are linked in a second pass, only on new documents.
  for (const directive of directives) {
    const own = directiveIds.get(directive.number);
    if (!own?.created) continue;
    const resolve = (numbers: string[] = []) =>
      numbers.map((number) => {
        const target = directiveIds.get(number);
        if (!target) throw new Error(`Văn bản ${directive.number} căn cứ/thay thế văn bản không có trong dữ liệu: ${number}`);
        return target.documentId;
      });
    const basedOn = resolve(directive.basedOn);
    const supersedes = resolve(directive.supersedes);
    if (basedOn.length || supersedes.length) {
      await strapi.documents(uidOf('directive')).update({ documentId: own.documentId, data: { basedOn, supersedes } as never, status: 'published' } as never);
    }
  }

  interface Article extends Media {
    title: string;
    slug: string;
    body: Block[];
    category?: string;
    publishedAt?: string;
  }
  for (const [index, article] of load<Article[]>('articles.json').entries()) {
    const { cover: _c, gallery: _g, body, category, publishedAt, ...fields } = article;
    const result = await seeder.ensure(uidOf('article'), { slug: article.slug }, async () => {
      const media = await mediaIds(seeder, article.slug, article, index * 10 + 1);
      const categoryId = category ? categoryIds.get(category) : undefined;
      if (category && !categoryId) throw new Error(`Bài ${article.slug}: không có chuyên mục ${category}`);
      return { ...fields, body: toBlocks(body), ...media, category: categoryId };
    });
    if (result.created && publishedAt) await seeder.setPublishedAt(uidOf('article'), result.documentId, publishedAt);
  }

  interface Activity extends Media {
    slug: string;
    body: Block[];
  }
  for (const [index, activity] of load<Activity[]>('activities.json').entries()) {
    const { cover: _c, gallery: _g, body, ...fields } = activity;
    await seeder.ensure(uidOf('activity'), { slug: activity.slug }, async () => ({
      ...fields,
      body: toBlocks(body),
      ...(await mediaIds(seeder, activity.slug, activity, 500 + index * 10)),
    }));
  }

  interface AlbumData {
    slug: string;
    photos?: ImageSpec[];
    /** Slug of the activity whose gallery the album shows, instead of photos of its own. */
    activity?: string;
  }
  for (const [index, album] of load<AlbumData[]>('albums.json').entries()) {
    const { photos: specs, activity: activitySlug, ...fields } = album;
    await seeder.ensure(uidOf('album'), { slug: album.slug }, async () => {
      const photos: number[] = [];
      for (const [position, spec] of (specs ?? []).entries())
        photos.push(await seeder.image(`${album.slug}-anh-${position + 1}`, spec, 800 + index * 10 + position));
      let activity: string | undefined;
      if (activitySlug) {
        const found = (await strapi.documents(uidOf('activity')).findFirst({ filters: { slug: activitySlug }, status: 'draft' } as never)) as {
          documentId: string;
        } | null;
        if (!found) throw new Error(`albums.json: album "${album.slug}" lấy ảnh từ hoạt động "${activitySlug}", nhưng không có hoạt động đó.`);
        activity = found.documentId;
      }
      return { ...fields, photos, ...(activity ? { activity } : {}) };
    });
  }

  interface Announcement {
    slug: string;
    body: Block[];
    publishedAt?: string;
  }
  for (const announcement of load<Announcement[]>('announcements.json')) {
    const { body, publishedAt, ...fields } = announcement;
    const result = await seeder.ensure(uidOf('announcement'), { slug: announcement.slug }, async () => ({ ...fields, body: toBlocks(body) }));
    if (result.created && publishedAt) await seeder.setPublishedAt(uidOf('announcement'), result.documentId, publishedAt);
  }

  // Parents' questions go through the CMS's own rules (api/question/question-rules.ts): the answered ones
  // whose askers consented get their public copy on /hoi-dap, the others stay private.
  const questions = strapi.service(uidOf('question')) as unknown as { seed(question: Json): Promise<string> };
  for (const question of load<Json[]>('questions.json')) {
    const existing = await strapi.db.query(uidOf('question')).findOne({ where: { question: question.question }, select: ['id'] });
    if (existing) {
      stats.kept += 1;
      continue;
    }
    await questions.seed(question);
    stats.created += 1;
  }

  interface Disclosure {
    slug: string;
    title: string;
    body: Block[];
    attachments?: FileSpec[];
    firstPublishedAt?: string;
    lastUpdatedAt?: string;
  }
  for (const disclosure of load<Disclosure[]>('disclosures.json')) {
    const { body, attachments, ...fields } = disclosure;
    const result = await seeder.ensure(uidOf('disclosure'), { slug: disclosure.slug }, async () => {
      const files: number[] = [];
      for (const spec of attachments ?? []) files.push(await seeder.pdf(spec, [disclosure.title]));
      return { ...fields, body: toBlocks(body), attachments: files };
    });
    if (result.created && disclosure.firstPublishedAt) await seeder.setPublishedAt(uidOf('disclosure'), result.documentId, disclosure.firstPublishedAt);
    // Demo documents stand for ones published before the portal: keep their recorded dates.
    if (result.created) await seeder.setDisclosureDates(result.documentId, disclosure.firstPublishedAt, disclosure.lastUpdatedAt);
  }

  const shownDay = (day: string) => day.split('-').reverse().join('/');
  interface Admission {
    schoolYear: string;
    title: string;
    opensOn: string;
    closesOn: string;
    plan: Block[];
    documents: string[];
    planFile?: FileSpec;
    publishedAt?: string;
  }
  for (const admission of load<Admission[]>('admissions.json')) {
    const { plan, documents, planFile, publishedAt, ...fields } = admission;
    const result = await seeder.ensure(uidOf('admission'), { schoolYear: admission.schoolYear, title: admission.title }, async () => ({
      ...fields,
      plan: toBlocks(plan),
      documents: documents.map((name) => ({ name })),
      planFile: planFile ? await seeder.pdf(planFile, [admission.title, `Nhận hồ sơ từ ${shownDay(fields.opensOn)} đến ${shownDay(fields.closesOn)}.`]) : null,
    }));
    if (result.created && publishedAt) await seeder.setPublishedAt(uidOf('admission'), result.documentId, publishedAt);
  }

  for (const menu of load<Json & { weekStart: string; ageGroup: string }[]>('menus.json')) {
    await seeder.ensure(uidOf('menu'), { weekStart: menu.weekStart, ageGroup: menu.ageGroup }, async () => ({ ...menu }));
  }

  await seedWorkWeeks(strapi, seeder);

  for (const notice of load<Json & { title: string; startsAt: string; affectedServices: string[] }[]>('notices.json')) {
    await seeder.ensure(uidOf('notice'), { title: notice.title }, async () => ({
      ...notice,
      affectedServices: notice.affectedServices.map((service) => ({ service })),
    }));
  }
}

interface DemoEntry {
  day: number;
  start: string;
  end?: string;
  content: string;
  presiding?: string;
  participants?: string;
  place?: string;
  /** Published first with these values, then changed: the page shows the entry as changed. */
  before?: { start?: string; end?: string; place?: string };
}

/**
 * The work calendar's demo weeks are relative to the week the seeder runs in (Vietnam time), so a fresh
 * portal always opens on a filled-in "this week". Idempotent per week like everything else.
 */
async function seedWorkWeeks(strapi: Core.Strapi, seeder: Seeder) {
  const { weeks } = load<{ weeks: { week: number; note?: string; entries: DemoEntry[] }[] }>('work-weeks.json');
  const thisWeek = currentWeekMonday(new Date());
  for (const week of weeks) {
    const weekStart = addDays(thisWeek, 7 * week.week);
    if (week.entries.some((e) => !Number.isInteger(e.day) || e.day < 0 || e.day > 6))
      throw new Error(`Lịch công tác mẫu tuần ${week.week}: "day" phải từ 0 đến 6`);
    const entry = (e: DemoEntry, values: DemoEntry['before'] = {}) => ({
      date: addDays(weekStart, e.day),
      startTime: values.start ?? e.start,
      endTime: values.end ?? e.end ?? null,
      content: e.content,
      presiding: e.presiding ?? null,
      participants: e.participants ?? null,
      place: values.place ?? e.place ?? null,
    });
    const result = await seeder.ensure(uidOf('work-week'), { weekStart }, async () => ({
      weekStart,
      note: week.note ?? null,
      entries: week.entries.map((e) => entry(e, e.before)),
    }));
    if (result.created && week.entries.some((e) => e.before)) {
      // Published again with the final values: the server marks the entries that changed.
      await strapi.documents(uidOf('work-week')).update({
        documentId: result.documentId,
        data: { entries: week.entries.map((e) => entry(e)) } as never,
        status: 'published',
      } as never);
    }
  }
}

async function main() {
  process.chdir(cmsDir);
  // Like the strapi CLI: values already in the environment win over cms/.env.
  process.loadEnvFile(path.join(cmsDir, '.env'));
  // No site runs yet: the purges and e-mails the seeding queues wait for the CMS's own start.
  process.env.OUTBOX_HOLD = '1';
  // Reminders are the running CMS's: looked for while content is half loaded, they could name duties the seed fulfils.
  process.env.DISCLOSURE_REMINDER_INTERVAL_MS = '0';
  const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
  strapi.log.level = 'warn';
  const seeder = new Seeder(strapi);
  try {
    await seedAccounts(strapi);
    if (process.env.SEED_CONTENT === 'empty') await seedEmptySchool(seeder);
    else await seedContent(strapi, seeder);
  } finally {
    seeder.close();
    await strapi.destroy();
  }
  console.log(`Dữ liệu mẫu: tạo mới ${stats.created}, giữ nguyên ${stats.kept}, tệp tải lên ${stats.files}.`);
}

main().catch((error: unknown) => {
  console.error('Nạp dữ liệu mẫu thất bại:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
