/**
 * Shapes of what the CMS REST API returns, derived from Strapi's generated types
 * (cms/types/generated, included by site/tsconfig.json), not copied by hand.
 *
 * Strapi types every attribute as optional and nullable, and media as `any`; the helpers below only
 * narrow media to the upload-file type and add what a populated query guarantees.
 */
import type { UidOf } from '@portal/common/sections';
import type { Data } from '@strapi/strapi';

export type Media = Data.ContentType<'plugin::upload.file'>;

/** Replaces keys of T with the shapes the client's populate actually returns. */
type Override<T, U> = Omit<T, keyof U> & U;

export type Category = Data.ContentType<UidOf<'category'>>;

export type Article = Override<Data.ContentType<UidOf<'article'>>, { cover?: Media | null; gallery?: Media[] | null; category?: Category | null }>;

/** A related directive as populated on a detail page (its own relations are not populated). */
export type DirectiveRef = Data.ContentType<UidOf<'directive'>>;

export type Directive = Override<
  Data.ContentType<UidOf<'directive'>>,
  {
    attachments?: Media[] | null;
    basedOn?: DirectiveRef[] | null;
    citedBy?: DirectiveRef[] | null;
    supersedes?: DirectiveRef[] | null;
    supersededBy?: DirectiveRef[] | null;
  }
>;

export type Activity = Override<Data.ContentType<UidOf<'activity'>>, { cover?: Media | null; gallery?: Media[] | null }>;

export type Album = Override<Data.ContentType<UidOf<'album'>>, { cover?: Media | null; photos?: Media[] | null; activity?: Activity | null }>;

export type Notice = Data.ContentType<UidOf<'notice'>>;

export type Announcement = Override<Data.ContentType<UidOf<'announcement'>>, { attachments?: Media[] | null }>;

export type Disclosure = Override<Data.ContentType<UidOf<'disclosure'>>, { attachments?: Media[] | null }>;

export type Admission = Override<Data.ContentType<UidOf<'admission'>>, { planFile?: Media | null }>;
export type AdmissionAgeGroup = Data.Component<'admission.age-group'>;

export type Menu = Data.ContentType<UidOf<'menu'>>;

export type WorkWeek = Data.ContentType<UidOf<'work-week'>>;

/** A published question and answer of /hoi-dap: the public copy, which holds no name or contact. */
export type Faq = Data.ContentType<UidOf<'faq'>>;
export type MenuDay = Data.Component<'menu.day'>;

export type School = Override<Data.ContentType<UidOf<'school'>>, { orgChart?: Media | null; logo?: Media | null; photo?: Media | null }>;
export type Leader = Data.Component<'school.leader'>;

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface Page<T> {
  items: T[];
  pagination: Pagination;
}
