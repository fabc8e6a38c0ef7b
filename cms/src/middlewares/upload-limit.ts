import type { Core } from '@strapi/strapi';
import { maxUploadBytes } from '../uploads/file-guard';

/**
 * The body parser stops an upload larger than the limit before any upload code runs and answers
 * "FileTooBig". Staff get the limit in Vietnamese instead; nothing has been stored at that point.
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => {
  return async (ctx: { status: number; body: unknown }, next: () => Promise<void>) => {
    await next();
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
    }
  };
};
