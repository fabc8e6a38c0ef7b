import { previewableSections, previewName } from '@portal/common/sections';
import { checkParts, MIN_SECRET_LENGTH, signParts } from '@portal/common/signed-request';
import type { Core, UID } from '@strapi/strapi';
import { currentActor } from '../workflow/actor';

/** Previewable types (the registry's `previewable`) by the short name they travel under in a link. */
export const PREVIEW_TYPES: Record<string, UID.ContentType> = Object.fromEntries(previewableSections().map((s) => [previewName(s), s.uid]));

export interface PreviewParams {
  type: string;
  id: string;
  exp: number;
  sig: string;
}

function secret(): string {
  const value = process.env.PREVIEW_SECRET ?? '';
  if (value.length < MIN_SECRET_LENGTH) throw new Error('PREVIEW_SECRET chưa được đặt hoặc quá ngắn trong cms/.env');
  return value;
}

export function signPreview(type: string, id: string, exp: number, key = secret()): string {
  return signParts(key, [type, id, exp]);
}

export type PreviewCheck = { ok: true; uid: UID.ContentType } | { ok: false; reason: 'invalid' | 'expired' };

/** A link is good when its signature matches (compared in constant time) and it has not expired. */
export function checkPreview(params: Partial<Record<keyof PreviewParams, unknown>>, now = Date.now()): PreviewCheck {
  const { type, id, exp, sig } = params;
  const expiry = Number(exp);
  if (typeof type !== 'string' || typeof id !== 'string' || typeof sig !== 'string' || !Number.isInteger(expiry)) return { ok: false, reason: 'invalid' };
  const uid = PREVIEW_TYPES[type];
  if (!uid || !/^[a-z0-9]{10,40}$/.test(id)) return { ok: false, reason: 'invalid' };
  if (!checkParts(secret(), [type, id, expiry], sig)) return { ok: false, reason: 'invalid' };
  if (expiry * 1000 < now) return { ok: false, reason: 'expired' };
  return { ok: true, uid };
}

export function previewTtlSeconds(): number {
  const minutes = Number(process.env.PREVIEW_TTL_MINUTES ?? 30);
  return Math.round((Number.isFinite(minutes) && minutes > 0 ? Math.min(minutes, 24 * 60) : 30) * 60);
}

/**
 * The admin's "preview" asks for a URL here. Only the author and the Ban giám hiệu get one: for anyone
 * else's draft there is no link, and without a link the draft cannot be read.
 */
export async function previewUrl(strapi: Core.Strapi, uid: string, params: { documentId?: string }): Promise<string | null> {
  const type = Object.keys(PREVIEW_TYPES).find((key) => PREVIEW_TYPES[key] === uid);
  const documentId = params.documentId;
  const actor = currentActor(strapi);
  if (!type || !documentId || !actor || actor.kind !== 'admin') return null;
  if (!actor.isLeadership) {
    const draft = (await strapi.db.query(uid as 'api::article.article').findOne({
      where: { documentId, publishedAt: null },
      populate: ['createdBy'],
    })) as { createdBy?: { id: number } | null } | null;
    if (!draft || draft.createdBy?.id !== actor.id) return null;
  }
  const exp = Math.floor(Date.now() / 1000) + previewTtlSeconds();
  const site = (process.env.SITE_URL ?? 'http://127.0.0.1:4321').replace(/\/$/, '');
  const query = new URLSearchParams({ type, id: documentId, exp: String(exp), sig: signPreview(type, documentId, exp) });
  return `${site}/xem-truoc?${query.toString()}`;
}
