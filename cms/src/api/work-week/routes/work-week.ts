import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::work-week.work-week');
