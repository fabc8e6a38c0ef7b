/**
 * Thư viện ảnh: an album's photos are its own, or, when it has none, the gallery of the activity it was
 * made from. Either way the photos are what the CMS published now: a photo taken down is simply not there.
 */
import type { Album, Media } from './cms/index.ts';
import { galleryPhotos } from './photos.ts';

export function albumPhotos(album: Pick<Album, 'photos' | 'activity'>): Media[] {
  const own = galleryPhotos(album.photos);
  return own.length > 0 ? own : galleryPhotos(album.activity?.gallery);
}

/** The chosen cover, else the first photo, else the activity's cover. */
export function albumCover(album: Pick<Album, 'cover' | 'photos' | 'activity'>): Media | null {
  return album.cover?.url ? album.cover : (albumPhotos(album)[0] ?? album.activity?.cover ?? null);
}
