import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::disclosure-reminder.disclosure-reminder');
