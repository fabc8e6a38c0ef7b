import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::publication-schedule.publication-schedule');
