import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const smtpHost = env('SMTP_HOST', '');
  return {
    'users-permissions': {
      config: {
        jwtSecret: env('JWT_SECRET'),
        register: { allowedFields: [] },
      },
    },
    upload: {
      config: {
        sizeLimit: env.int('UPLOAD_MAX_BYTES', 20 * 1024 * 1024),
        breakpoints: { large: 1600, medium: 960, small: 480 },
      },
    },
    email: {
      config: smtpHost
        ? {
            provider: 'nodemailer',
            providerOptions: {
              host: smtpHost,
              port: env.int('SMTP_PORT', 587),
              secure: env.bool('SMTP_SECURE', false),
              auth: env('SMTP_USERNAME', '') ? { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } : undefined,
            },
            settings: {
              defaultFrom: env('EMAIL_FROM', 'Cổng thông tin <no-reply@mnhiephoa.test>'),
              defaultReplyTo: env('EMAIL_REPLY_TO', 'no-reply@mnhiephoa.test'),
            },
          }
        : {
            provider: 'sendmail',
            providerOptions: {},
            settings: {
              defaultFrom: env('EMAIL_FROM', 'Cổng thông tin <no-reply@mnhiephoa.test>'),
              defaultReplyTo: env('EMAIL_REPLY_TO', 'no-reply@mnhiephoa.test'),
            },
          },
    },
  };
};
