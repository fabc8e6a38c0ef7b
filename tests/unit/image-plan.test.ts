import { describe, expect, it } from 'vitest';
import { IMAGE_WIDTHS, isUploadName, planPicture, uploadName } from '../../site/src/lib/images/plan.ts';

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
