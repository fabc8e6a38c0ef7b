import type { Core } from '@strapi/strapi';
import { previewUrl } from '../src/preview/links';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
    // The admin's session cookies reach /uploads too, so the media library and draft previews can show
    // files that the public may not see (src/middlewares/public-uploads.ts). Needs an admin rebuild.
    cookie: { path: '/' },
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  // Five sign-in attempts per address and e-mail in five minutes, as Strapi does by default.
  rateLimit: {
    enabled: true,
    interval: { min: env.int('ADMIN_LOGIN_WINDOW_MINUTES', 5) },
    max: env.int('ADMIN_LOGIN_MAX_ATTEMPTS', 5),
  },
  preview: {
    enabled: true,
    config: {
      allowedOrigins: [env('SITE_URL', 'http://127.0.0.1:4321')],
      handler: (uid: string, params: { documentId?: string }) => previewUrl(strapi, uid, params),
    },
  },
  flags: {
    nps: false,
    promoteEE: false,
  },
  watchIgnoreFiles: ['**/data/**', '**/scripts/**'],
});
