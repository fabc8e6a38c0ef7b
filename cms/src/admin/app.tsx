import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // Vietnamese first: the school's staff use the admin in Vietnamese; English stays for the IT team.
    locales: ['vi'],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
