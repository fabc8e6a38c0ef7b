import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { REVIEW_STATE_CODES, REVIEW_STATES } from '@portal/common/review-states';
import {
  navigation,
  PAGES,
  pageForPath,
  pageTags,
  previewableSections,
  previewName,
  previewSection,
  publicPath,
  publicUids,
  reviewedUids,
  SECTIONS,
  sectionByUid,
  sectionForPath,
  sitemapPaths,
  typeLabel,
  uidOf,
} from '@portal/common/sections';
import { describe, expect, it } from 'vitest';

interface Schema {
  kind: 'collectionType' | 'singleType';
  options?: { draftAndPublish?: boolean };
  attributes: Record<string, { type: string; enum?: string[]; default?: unknown }>;
}

const schemaOf = (uid: string): Schema | null => {
  const name = uid.split('.')[1]!;
  const file = `cms/src/api/${name}/content-types/${name}/schema.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Schema) : null;
};

describe('the section registry', () => {
  it('has one entry per content type of the CMS, with unique keys and UIDs', () => {
    const apis = readdirSync('cms/src/api').filter((name) => existsSync(`cms/src/api/${name}/content-types/${name}/schema.json`));
    expect(SECTIONS.map((s) => s.key).sort()).toEqual(apis.sort());
    expect(new Set(SECTIONS.map((s) => s.uid)).size).toBe(SECTIONS.length);
    for (const s of SECTIONS) expect(s.uid).toBe(`api::${s.key}.${s.key}`);
  });

  it('agrees with the schemas on kind, drafts and review fields', () => {
    for (const s of SECTIONS) {
      const schema = schemaOf(s.uid)!;
      expect(schema.kind, s.key).toBe(s.kind === 'single' ? 'singleType' : 'collectionType');
      expect(schema.options?.draftAndPublish ?? false, s.key).toBe(s.draftAndPublish);
      expect('reviewState' in schema.attributes, s.key).toBe(s.reviewed);
      if ('slugFrom' in s) expect(schema.attributes[s.slugFrom], s.key).toBeDefined();
    }
  });

  it('stores review states as the codes, new items starting as draft', () => {
    for (const uid of reviewedUids()) {
      const state = schemaOf(uid)!.attributes.reviewState!;
      expect(state.enum, uid).toEqual([...REVIEW_STATE_CODES]);
      expect(state.default, uid).toBe(REVIEW_STATES.draft);
    }
  });

  it('tags each public type with its key, and has a site page for every route', () => {
    for (const s of SECTIONS) {
      if (s.public) expect(s.tags[0], s.key).toBe(s.key);
      else expect(s.tags, s.key).toEqual([]);
      if ('route' in s) {
        const base = `site/src/pages${s.route}`;
        expect(existsSync(`${base}.astro`) || existsSync(`${base}/index.astro`), s.route).toBe(true);
        if ('detailPages' in s) expect(existsSync(`${base}/[slug].astro`), s.route).toBe(true);
        if ('feed' in s) expect(existsSync(`${base}/rss.xml.ts`), s.route).toBe(true);
      }
    }
    for (const page of PAGES) {
      const base = page.path === '/' ? 'site/src/pages/index' : `site/src/pages${page.path}`;
      expect(existsSync(`${base}.astro`) || existsSync(`${base}/index.astro`), page.path).toBe(true);
    }
  });

  it('finds sections by UID and path', () => {
    expect(sectionByUid('api::article.article')?.key).toBe('article');
    expect(sectionByUid('api::nothing.nothing')).toBeUndefined();
    expect(uidOf('menu')).toBe('api::menu.menu');
    expect(sectionForPath('/van-ban/quyet-dinh-380')?.key).toBe('directive');
    expect(sectionForPath('/tin-tuc')?.key).toBe('article');
    expect(sectionForPath('/tin-tucx')).toBeUndefined();
    expect(sectionForPath('/tim-kiem')).toBeUndefined();
    // The school's announcements own /thong-bao; the IT maintenance log sits under the status page.
    expect(sectionForPath('/thong-bao/lich-nghi-tet')?.key).toBe('announcement');
    expect(sectionForPath('/trang-thai/bao-tri')?.key).toBe('notice');
    expect(typeLabel('api::menu.menu')).toBe('Thực đơn tuần');
    expect(typeLabel('admin::nothing')).toBe('admin::nothing');
  });

  it('lists the reviewed and the public types', () => {
    expect(reviewedUids()).toEqual([
      'api::article.article',
      'api::announcement.announcement',
      'api::directive.directive',
      'api::activity.activity',
      'api::album.album',
      'api::disclosure.disclosure',
      'api::menu.menu',
      'api::work-week.work-week',
      'api::admission.admission',
    ]);
    expect(publicUids('single')).toEqual(['api::school.school']);
    expect(publicUids('collection')).not.toContain('api::submission.submission');
    expect(publicUids()).not.toContain('api::audit-entry.audit-entry');
  });

  it('names previews by their route segment, as links made before it did', () => {
    expect(previewableSections().map(previewName).sort()).toEqual([
      'cong-khai',
      'hoat-dong',
      'lich-cong-tac',
      'thong-bao',
      'thu-vien-anh',
      'thuc-don',
      'tin-tuc',
      'tuyen-sinh',
      'van-ban',
    ]);
    expect(previewSection('tin-tuc')?.key).toBe('article');
    expect(previewSection('article')).toBeUndefined();
  });

  it('makes public paths of items', () => {
    expect(publicPath('api::article.article', 'le-khai-giang')).toBe('/tin-tuc/le-khai-giang');
    expect(publicPath('api::article.article', null)).toBeNull();
    expect(publicPath('api::menu.menu', 'x')).toBe('/thuc-don');
    expect(publicPath('api::disclosure.disclosure')).toBe('/cong-khai');
    expect(publicPath('api::category.category', 'x')).toBeNull();
    expect(publicPath('api::announcement.announcement', 'hop-phu-huynh')).toBe('/thong-bao/hop-phu-huynh');
    expect(publicPath('api::notice.notice', 'x')).toBe('/trang-thai/bao-tri');
    expect(publicPath('api::admission.admission', 'x')).toBe('/tuyen-sinh');
  });

  it('gives the menu, the sitemap and the page tags', () => {
    // Parents' daily needs first: announcements and the menu right after the home page.
    expect(navigation().map((item) => item.href)).toEqual([
      '/',
      '/thong-bao',
      '/thuc-don',
      '/tin-tuc',
      '/hoat-dong',
      '/van-ban',
      '/cong-khai',
      '/gioi-thieu',
      '/lien-he',
    ]);
    expect(sitemapPaths()).toEqual([
      '/',
      '/thong-bao',
      '/thuc-don',
      '/tuyen-sinh',
      '/tin-tuc',
      '/hoat-dong',
      '/thu-vien-anh',
      '/van-ban',
      '/cong-khai',
      '/lich-cong-tac',
      '/gioi-thieu',
      '/hoi-dap',
      '/lien-he',
      '/en',
      '/trang-thai/bao-tri',
      '/trang-thai',
    ]);
    expect(pageTags('/')).toEqual(['article', 'announcement', 'activity', 'directive', 'menu', 'work-week', 'notice', 'school', 'admission']);
    // The week's page and its iCalendar feed are purged together.
    expect(pageTags('/lich-cong-tac/lich.ics')).toEqual(['work-week']);
    expect(sectionForPath('/lich-cong-tac')?.key).toBe('work-week');
    expect(pageTags('/tuyen-sinh')).toEqual(['admission']);
    expect(pageTags('/thong-bao/lich-nghi-tet')).toEqual(['announcement']);
    // An album may show its activity's photos.
    expect(pageTags('/thu-vien-anh/trung-thu/anh/12')).toEqual(['album', 'activity']);
    expect(pageTags('/trang-thai/bao-tri')).toEqual(['notice']);
    expect(pageTags('/trang-thai')).toEqual([]);
    expect(pageTags('/tin-tuc/abc')).toEqual(['article', 'category']);
    expect(pageTags('/lien-he')).toEqual(['school']);
    expect(pageTags('/hoi-dap/gui-cau-hoi')).toEqual(['faq']);
    expect(pageTags('/tim-kiem')).toEqual([]);
    expect(pageForPath('/en/')?.path).toBe('/en');
    // Every tag a page can carry is purged by some type.
    const purged = new Set<string>(SECTIONS.flatMap((s) => [...s.tags]));
    for (const page of PAGES) for (const key of page.shows) expect(purged.has(key), key).toBe(true);
  });
});
