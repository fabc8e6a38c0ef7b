import path from 'node:path';
import { outboxTransport } from '@portal/common/outbox-transport';
import { bucketOf } from '@portal/common/s3';
import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const smtpHost = env('SMTP_HOST', '');
  // A missing or wrong S3_* variable stops the start with a message naming it.
  const bucket = bucketOf(process.env);
  return {
    'users-permissions': {
      config: {
        jwtSecret: env('JWT_SECRET'),
        register: { allowedFields: [] },
      },
    },
    upload: {
      config: {
        // Local files by default; UPLOAD_PROVIDER=s3 stores them in any S3-compatible bucket through the
        // portal's own provider (packages/common/src/upload-s3.ts; docs/deployment.md, "S3").
        ...(bucket ? { provider: '@portal/common/upload-s3', providerOptions: bucket } : {}),
        sizeLimit: env.int('UPLOAD_MAX_BYTES', 20 * 1024 * 1024),
        breakpoints: { large: 1600, medium: 960, small: 480 },
      },
    },
    email: {
      config: {
        // Always nodemailer: SMTP when configured, else every message becomes an .eml file in the outbox.
        provider: 'nodemailer',
        providerOptions: smtpHost
          ? {
              host: smtpHost,
              port: env.int('SMTP_PORT', 587),
              secure: env.bool('SMTP_SECURE', false),
              auth: env('SMTP_USERNAME', '') ? { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } : undefined,
              connectionTimeout: env.int('SMTP_TIMEOUT_MS', 10_000),
              greetingTimeout: env.int('SMTP_TIMEOUT_MS', 10_000),
              socketTimeout: env.int('SMTP_TIMEOUT_MS', 10_000),
            }
          : outboxTransport(path.resolve(process.cwd(), env('OUTBOX_DIR', '../var/outbox'))),
        settings: {
          defaultFrom: env('EMAIL_FROM', 'Cổng thông tin Trường Mầm non Hiệp Hòa <no-reply@mnhiephoa.test>'),
          defaultReplyTo: env('EMAIL_REPLY_TO', 'no-reply@mnhiephoa.test'),
        },
      },
    },
  };
};
