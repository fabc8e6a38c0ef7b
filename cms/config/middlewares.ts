import { bucketOf } from '@portal/common/s3';
import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  // The admin shows uploads stored in an S3-compatible bucket: allow that origin for images and media.
  const settings = bucketOf(process.env);
  const bucket = settings ? new URL(settings.publicUrl).origin : null;
  return [
    'strapi::logger',
    'strapi::errors',
    {
      name: 'strapi::security',
      config: {
        contentSecurityPolicy: {
          useDefaults: true,
          directives: {
            'img-src': ["'self'", 'data:', 'blob:', ...(bucket ? [bucket] : [])],
            'media-src': ["'self'", 'data:', 'blob:', ...(bucket ? [bucket] : [])],
          },
        },
      },
    },
    {
      name: 'strapi::cors',
      config: { origin: env.array('CORS_ORIGINS', [env('SITE_URL', 'http://127.0.0.1:4321')]) },
    },
    'strapi::poweredBy',
    'strapi::query',
    'global::friendly-errors',
    {
      name: 'strapi::body',
      config: {
        formLimit: '1mb',
        jsonLimit: '1mb',
        textLimit: '1mb',
        formidable: { maxFileSize: env.int('UPLOAD_MAX_BYTES', 20 * 1024 * 1024) },
      },
    },
    'strapi::session',
    'strapi::favicon',
    // Uploads are served only while published content shows them (admins and the site server excepted).
    'global::public-uploads',
    'strapi::public',
  ];
};
