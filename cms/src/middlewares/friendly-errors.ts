import type { Core } from '@strapi/strapi';
import { maxUploadBytes } from '../uploads/file-guard';

interface Ctx {
  status: number;
  body: unknown;
}

const GENERIC: Record<number, Record<string, string>> = {
  401: { 'Missing or invalid credentials': 'Cần đăng nhập, hoặc khóa truy cập không hợp lệ.' },
  403: {
    Forbidden: 'Bạn không có quyền thực hiện thao tác này.',
    'Policy Failed': 'Bạn không có quyền thực hiện thao tác này.',
  },
};

/**
 * Strapi answers some refusals with a bare English word ("Forbidden", "Policy Failed") or, for an
 * upload over the limit, "FileTooBig" before any of our code runs. Staff and callers get Vietnamese.
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => {
  return async (ctx: Ctx, next: () => Promise<void>) => {
    try {
      await next();
    } catch (thrown) {
      // Policies throw; the errors middleware above formats what we rethrow.
      const status = thrown instanceof Error && 'status' in thrown ? Number((thrown as { status?: number }).status) : 403;
      const translated = thrown instanceof Error ? (GENERIC[status]?.[thrown.message] ?? GENERIC[403]?.[thrown.message]) : undefined;
      if (thrown instanceof Error && translated) thrown.message = translated;
      throw thrown;
    }
    const error = (ctx.body as { error?: { message?: string; status?: number } } | null)?.error;
    if (ctx.status === 413) {
      const megabytes = (maxUploadBytes() / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
      ctx.body = {
        data: null,
        error: {
          status: 413,
          name: 'PayloadTooLargeError',
          message: `Tệp quá lớn: mỗi tệp tối đa ${megabytes} MB. Hãy giảm kích thước (ví dụ chụp ảnh ở độ phân giải thấp hơn) rồi thử lại.`,
          details: {},
        },
      };
      ctx.status = 413;
      return;
    }
    const translated = error?.message ? GENERIC[ctx.status]?.[error.message] : undefined;
    if (error && translated) error.message = translated;
  };
};
