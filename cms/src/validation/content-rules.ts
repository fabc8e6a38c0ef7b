import { SECTIONS, uidOf } from '@portal/common/sections';
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPE_LABELS } from '../admin-labels/labels';
import { directiveSlug, toSlug } from '../text/slug';

type Data = Record<string, unknown>;

const TITLE_SLUGGED: Partial<Record<UID.ContentType, string>> = Object.fromEntries(SECTIONS.flatMap((s) => ('slugFrom' in s ? [[s.uid, s.slugFrom]] : [])));

function fileIds(value: unknown): number[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(fileIds);
  if (typeof value === 'number') return [value];
  if (typeof value === 'string' && /^\d+$/.test(value)) return [Number(value)];
  if (typeof value === 'object' && 'id' in value) return fileIds((value as { id: unknown }).id);
  return [];
}

function mediaFields(strapi: Core.Strapi, uid: UID.ContentType, onlyRequired = false): string[] {
  const attributes = strapi.getModel(uid).attributes as Record<string, { type: string; required?: boolean }>;
  return Object.entries(attributes)
    .filter(([, attribute]) => attribute.type === 'media' && (!onlyRequired || attribute.required))
    .map(([name]) => name);
}

/** Strapi checks required scalar fields on publish but lets a required image stay empty. */
async function assertRequiredMediaOnPublish(strapi: Core.Strapi, uid: UID.ContentType, documentId: string | undefined): Promise<void> {
  const required = mediaFields(strapi, uid, true);
  if (!documentId || required.length === 0) return;
  const draft = (await strapi.db.query(uid as 'api::article.article').findOne({
    where: { documentId, publishedAt: null },
    populate: required,
  })) as Record<string, unknown> | null;
  if (!draft) return;
  const missing = required.filter((field) => !draft[field]);
  if (missing.length > 0) {
    const names = missing.map((field) => `"${CONTENT_TYPE_LABELS[uid]?.fields[field] ?? field}"`).join(', ');
    throw new errors.ValidationError(`Cần chọn ${names} (kèm mô tả ảnh) trước khi đăng.`);
  }
}

/** Images shown to the public need a text equivalent (Thông tư 32/2017, WCAG 1.1.1). */
async function assertImagesHaveAltText(strapi: Core.Strapi, uid: UID.ContentType, data: Data): Promise<void> {
  const ids = mediaFields(strapi, uid).flatMap((field) => fileIds(data[field]));
  if (ids.length === 0) return;
  const files = (await strapi.db.query('plugin::upload.file').findMany({
    where: { id: { $in: ids } },
    select: ['id', 'name', 'alternativeText', 'mime'],
  })) as { name: string; alternativeText: string | null; mime: string }[];
  const missing = files.filter((file) => file.mime.startsWith('image/') && !file.alternativeText?.trim());
  if (missing.length > 0) {
    throw new errors.ValidationError(
      `Ảnh chưa có mô tả (văn bản thay thế): ${missing.map((f) => f.name).join(', ')}. ` +
        'Hãy mở Thư viện media, sửa ảnh và điền "Văn bản thay thế" mô tả nội dung ảnh.',
    );
  }
}

async function fillSlug(strapi: Core.Strapi, uid: UID.ContentType, data: Data, documentId?: string): Promise<void> {
  if (uid === uidOf('directive')) {
    if (typeof data.number === 'string') data.number = data.number.trim().replace(/\s+/g, ' ');
    if (data.docType === undefined && data.number === undefined) return;
    const current = documentId ? ((await strapi.documents(uid).findOne({ documentId, fields: ['docType', 'number'] })) as Data | null) : null;
    const docType = (data.docType ?? current?.docType) as string | undefined;
    const number = (data.number ?? current?.number) as string | undefined;
    if (docType && number) data.slug = directiveSlug(docType, number);
    return;
  }
  const source = TITLE_SLUGGED[uid];
  if (!source) return;
  const given = typeof data.slug === 'string' ? toSlug(data.slug) : '';
  if (given) data.slug = given;
  else if (typeof data[source] === 'string') data.slug = toSlug(data[source] as string);
}

const normalizedNumber = (number: string) => number.replace(/\s+/g, '').toLocaleUpperCase('vi');

/** Strapi checks `unique` only among published rows; a số ký hiệu must be unique among all documents. */
async function assertUniqueDirectiveNumber(strapi: Core.Strapi, data: Data, documentId?: string): Promise<void> {
  if (typeof data.number !== 'string') return;
  const wanted = normalizedNumber(data.number);
  const rows = (await strapi.db.query(uidOf('directive')).findMany({ select: ['documentId', 'number'] })) as {
    documentId: string;
    number: string;
  }[];
  const clash = rows.find((row) => row.documentId !== documentId && normalizedNumber(row.number) === wanted);
  if (clash) {
    throw new errors.ValidationError(`Số ký hiệu "${data.number}" đã được dùng cho một văn bản khác ("${clash.number}").`);
  }
}

/**
 * Strapi 5 checks a field's `regex` on publish only, so a draft could hold a `javascript:` link that a
 * preview would render. The school's agency links are checked on every save, against the regex of
 * their schema (components/school/related-link.json) and as a real http(s) address.
 */
function assertSafeRelatedLinks(strapi: Core.Strapi, uid: UID.ContentType, data: Data): void {
  if (uid !== uidOf('school') || !Array.isArray(data.relatedLinks)) return;
  const attribute = strapi.components['school.related-link']?.attributes.url as { regex?: string } | undefined;
  const pattern = new RegExp(attribute?.regex ?? '^https?://\\S+$');
  for (const link of data.relatedLinks as Data[]) {
    const url = typeof link?.url === 'string' ? link.url.trim() : '';
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      // Not an address at all: refused below.
    }
    if (!pattern.test(url) || (protocol !== 'https:' && protocol !== 'http:')) {
      throw new errors.ValidationError(`Địa chỉ liên kết "${url.slice(0, 80)}" không hợp lệ: cần là địa chỉ trang web đầy đủ, bắt đầu bằng https://`);
    }
  }
}

export function registerContentRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const uid = context.uid as UID.ContentType;
    if (uid.startsWith('api::') && context.action === 'publish') {
      await assertRequiredMediaOnPublish(strapi, uid, (context.params as { documentId?: string }).documentId);
    }
    if (uid.startsWith('api::') && (context.action === 'create' || context.action === 'update')) {
      const params = context.params as { data?: Data; documentId?: string };
      if (params.data) {
        await fillSlug(strapi, uid, params.data, params.documentId);
        if (uid === uidOf('directive')) await assertUniqueDirectiveNumber(strapi, params.data, params.documentId);
        await assertImagesHaveAltText(strapi, uid, params.data);
        assertSafeRelatedLinks(strapi, uid, params.data);
      }
    }
    return next();
  });
}
