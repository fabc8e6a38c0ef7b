import type { Core } from '@strapi/strapi';
import { auditAccountChanges } from './account-audit';
import { currentActor } from './actor';
import { registerWorkflowRoutes } from './routes';
import { registerWorkflowRules } from './rules';
import { registerScheduleGuards, startScheduler, stopScheduler } from './schedule';

/** The review workflow, in one place: rules on every document write, its admin API, the audit hooks. */
export function registerWorkflow(strapi: Core.Strapi): void {
  registerWorkflowRules(strapi);
  registerWorkflowRoutes(strapi);
  registerScheduleGuards(strapi, () => currentActor(strapi) !== null);
}

export async function bootstrapWorkflow(strapi: Core.Strapi): Promise<void> {
  auditAccountChanges(strapi);
  await startScheduler(strapi);
}

export function destroyWorkflow(): void {
  stopScheduler();
}
