import { factories } from '@strapi/strapi';
import { type AskedQuestion, type SeedQuestion, seedQuestion, storeQuestion } from '../question-rules';

export default factories.createCoreService('api::question.question', ({ strapi }) => ({
  ask: (asked: AskedQuestion) => storeQuestion(strapi, asked),
  seed: (seed: SeedQuestion) => seedQuestion(strapi, seed),
}));
