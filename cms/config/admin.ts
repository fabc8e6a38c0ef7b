import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
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
  flags: {
    nps: false,
    promoteEE: false,
  },
  watchIgnoreFiles: ['**/data/**', '**/scripts/**'],
});
