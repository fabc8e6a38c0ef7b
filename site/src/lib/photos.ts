/**
 * Photo pages of an article's or activity's gallery. A photo is addressed by its media id, not its
 * position: a photo taken down then answers 404 instead of its address showing the next one.
 */
import type { Media } from './cms/index.ts';

export interface PhotoPosition {
  photo: Media;
  /** 1-based, as "Ảnh 3/8" reads. */
  number: number;
  total: number;
  previous: Media | null;
  next: Media | null;
}

/** The gallery's photos that can be shown: with a file and an id to address them by. */
export function galleryPhotos(images: Media[] | null | undefined): Media[] {
  return (images ?? []).filter((image) => Boolean(image.url) && Number.isInteger(image.id) && Number(image.id) > 0);
}

/** Path segment of a photo, checked the same way when it comes back in a URL. */
export function photoKey(image: Pick<Media, 'id'>): string {
  return String(image.id);
}

export function photoHref(base: string, image: Pick<Media, 'id'>): string {
  return `${base}/anh/${photoKey(image)}`;
}

/** Where a requested photo sits in the gallery, or null when it is not (or no longer) part of it. */
export function locatePhoto(images: Media[] | null | undefined, key: string | undefined): PhotoPosition | null {
  if (!key || !/^[1-9][0-9]{0,9}$/.test(key)) return null;
  const photos = galleryPhotos(images);
  const index = photos.findIndex((image) => photoKey(image) === key);
  if (index < 0) return null;
  return {
    photo: photos[index]!,
    number: index + 1,
    total: photos.length,
    previous: photos[index - 1] ?? null,
    next: photos[index + 1] ?? null,
  };
}
