/**
 * Photos from a phone: checked, then shrunk on the device before upload so that a slow mobile
 * connection copes (a 12-megapixel photo becomes a few hundred kilobytes).
 */

export const MAX_PHOTOS = 10;
export const MAX_LONG_EDGE = 2560;
/** Larger files are not camera photos; decoding them could exhaust a phone's memory. */
export const MAX_SOURCE_BYTES = 30 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/** A Vietnamese reason why this file cannot be used, or null. */
export function refuseReason(file: File): string | null {
  if (!file.type.startsWith('image/')) return `Tệp "${file.name}" không phải là ảnh. Hãy chọn ảnh chụp (JPG, PNG, WebP…).`;
  if (file.size > MAX_SOURCE_BYTES) {
    return `Ảnh "${file.name}" quá lớn (${megabytes(file.size)}). Hãy chọn ảnh dưới ${megabytes(MAX_SOURCE_BYTES)}.`;
  }
  return null;
}

export interface Shrunk {
  blob: Blob;
  width: number;
  height: number;
  name: string;
}

/** JPEG whose long edge is at most MAX_LONG_EDGE, the camera's orientation applied. */
export async function shrink(file: File): Promise<Shrunk> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new Error(`Không đọc được "${file.name}" như một ảnh. Tệp có thể bị hỏng hoặc không phải ảnh.`);
  }
  const scale = Math.min(1, MAX_LONG_EDGE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('Trình duyệt không xử lý được ảnh. Hãy thử trình duyệt khác.');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  if (!blob) throw new Error(`Không thu nhỏ được "${file.name}".`);
  const base =
    file.name
      .replace(/\.[^.]+$/, '')
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .slice(0, 60) || 'anh';
  return { blob, width, height, name: `${base}.jpg` };
}

export class UploadError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** The admin's access token, where Strapi's admin keeps it. */
function accessToken(): string | null {
  const stored = window.localStorage.getItem('jwtToken');
  if (stored) {
    try {
      return JSON.parse(stored) as string;
    } catch {
      return null;
    }
  }
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('jwtToken='));
  return cookie ? decodeURIComponent(cookie.slice('jwtToken='.length)) : null;
}

export interface Uploaded {
  id: number;
  url: string;
}

/**
 * Uploads one photo to the media library with XMLHttpRequest, the one browser API that reports upload
 * progress. The caller refreshes the session first (any request through Strapi's fetch client does).
 */
export function upload(photo: Shrunk, alt: string, onProgress: (percent: number) => void): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const token = accessToken();
    if (!token) return reject(new UploadError(401, 'Phiên đăng nhập đã hết hạn.'));
    const form = new FormData();
    form.append('files', photo.blob, photo.name);
    form.append('fileInfo', JSON.stringify({ name: photo.name, alternativeText: alt }));
    const request = new XMLHttpRequest();
    const backend = (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
    request.open('POST', `${backend}/upload`);
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.withCredentials = true;
    request.timeout = 120_000;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText) as unknown;
      } catch {
        // not JSON
      }
      if (request.status >= 200 && request.status < 300 && Array.isArray(body) && body[0]) {
        const file = body[0] as { id: number; url: string };
        return resolve({ id: file.id, url: file.url });
      }
      const message = (body as { error?: { message?: string } } | null)?.error?.message;
      reject(new UploadError(request.status, message || `Máy chủ từ chối ảnh (mã ${request.status}).`));
    };
    request.onerror = () => reject(new UploadError(0, 'Mất kết nối mạng khi tải ảnh lên.'));
    request.ontimeout = () => reject(new UploadError(0, 'Tải ảnh lên quá lâu, kết nối có thể đang chậm.'));
    request.send(form);
  });
}
