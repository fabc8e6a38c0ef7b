import { describe, expect, it } from 'vitest';
import { fileVersion } from '../../cms/src/media/public-files.ts';
import { IMAGE_WIDTHS, isUploadName, isVersion, mediaVersion, planPicture, transformPath, uploadName } from '../../site/src/lib/images/plan.ts';

const photo = { url: '/uploads/be_vui_choi_3f2a1b.jpg', width: 1200, height: 800 };

describe('responsive picture plan', () => {
  it('offers AVIF and WebP sources and a JPEG fallback in the allowed widths only', () => {
    const plan = planPicture(photo, 480)!;
    expect(plan.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    expect(plan.src).toBe('/anh/480/jpeg/be_vui_choi_3f2a1b.jpg');
    for (const set of [...plan.sources.map((s) => s.srcset), plan.srcset]) {
      for (const candidate of set.split(', ')) {
        const [url] = candidate.split(' ');
        const width = Number(url!.split('/')[2]);
        expect(IMAGE_WIDTHS).toContain(width);
      }
    }
  });

  it('covers twice the slot width for dense phone screens', () => {
    expect(planPicture(photo, 234)!.srcset).toBe('/anh/240/jpeg/be_vui_choi_3f2a1b.jpg 240w, /anh/480/jpeg/be_vui_choi_3f2a1b.jpg 480w');
  });

  it('never describes an image wider than its original, and keeps the aspect ratio in width and height', () => {
    const plan = planPicture(photo, 960)!;
    expect(plan.srcset).toContain('/anh/1440/jpeg/be_vui_choi_3f2a1b.jpg 1200w');
    expect(plan.srcset).not.toContain('1920');
    expect(plan.srcset).not.toContain('1440w');
    expect([plan.width, plan.height]).toEqual([960, 640]);
    const small = planPicture({ url: '/uploads/nho_a1.png', width: 300, height: 100 }, 960)!;
    expect(small.srcset).toBe('/anh/240/jpeg/nho_a1.png 240w, /anh/480/jpeg/nho_a1.png 300w');
    expect([small.width, small.height]).toEqual([300, 100]);
  });

  it('leaves images it cannot fetch or size to the plain fallback', () => {
    expect(planPicture({ url: 'https://elsewhere.example/a.jpg', width: 800, height: 600 }, 480)).toBeNull();
    expect(planPicture({ url: '/uploads/a.jpg', width: null, height: null }, 480)).toBeNull();
    expect(planPicture({ url: '/uploads/tai_lieu.pdf', width: 800, height: 600 }, 480)).toBeNull();
    expect(planPicture(null, 480)).toBeNull();
  });

  it('accepts files from the configured object storage', () => {
    expect(uploadName('https://s3.example.vn/portal/anh_1.webp', 'https://s3.example.vn/portal')).toBe('anh_1.webp');
    expect(uploadName('https://s3.example.vn/portal/../x.jpg', 'https://s3.example.vn/portal')).toBeNull();
  });

  it('refuses file names that could leave the uploads folder', () => {
    for (const bad of ['../secret.jpg', 'a/b.jpg', '.hidden.jpg', 'x..jpg', 'x.svg', 'x.jpg?y', '']) expect(isUploadName(bad)).toBe(false);
    expect(isUploadName('hoi_thi_giao_vien_anh_1_f2ab2a15b1.jpg')).toBe(true);
  });
});

describe('versioned image URLs', () => {
  const updatedAt = '2026-11-20T08:15:30.123Z';
  const versioned = { ...photo, updatedAt };

  it('put the file version before the name, so a replaced photo gets new URLs', () => {
    const version = mediaVersion(versioned)!;
    expect(isVersion(version)).toBe(true);
    const plan = planPicture(versioned, 480)!;
    expect(plan.src).toBe(`/anh/480/jpeg/${version}/be_vui_choi_3f2a1b.jpg`);
    for (const set of [...plan.sources.map((s) => s.srcset), plan.srcset]) expect(set).toContain(`/${version}/be_vui_choi_3f2a1b.jpg`);
    const replaced = planPicture({ ...photo, updatedAt: '2026-11-20T08:15:31.000Z' }, 480)!;
    expect(replaced.src).not.toBe(plan.src);
  });

  it('computes the same version as the CMS does for its /uploads answer', () => {
    expect(mediaVersion({ updatedAt })).toBe(fileVersion({ updatedAt: new Date(updatedAt) }));
    expect(mediaVersion({ updatedAt })).toBe(fileVersion({ updatedAt }));
  });

  it('falls back to the unversioned URL, which redirects, when the CMS gives no date', () => {
    expect(mediaVersion({ updatedAt: null })).toBeNull();
    expect(mediaVersion({ updatedAt: 'không phải ngày' })).toBeNull();
    expect(planPicture(photo, 480)!.src).toBe('/anh/480/jpeg/be_vui_choi_3f2a1b.jpg');
    expect(transformPath('a_1.jpg', 240, 'webp', null)).toBe('/anh/240/webp/a_1.jpg');
  });

  it('lets the preview page sign every URL of the picture', () => {
    const plan = planPicture(versioned, 240, '', (path) => `${path}?p=ky`)!;
    expect(plan.src.endsWith('?p=ky')).toBe(true);
    for (const set of [...plan.sources.map((s) => s.srcset), plan.srcset]) {
      for (const candidate of set.split(', ')) expect(candidate.split(' ')[0]!.endsWith('?p=ky')).toBe(true);
    }
  });

  it('refuses versions that are not short lowercase base-36 words', () => {
    for (const bad of ['', 'ABC', 'a/b', '..', 'x'.repeat(17), 'a-b']) expect(isVersion(bad)).toBe(false);
  });
});
