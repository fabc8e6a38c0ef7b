import type { Core } from '@strapi/strapi';
import { auditAccountChanges } from './account-audit';
import { registerWorkflowRoutes } from './routes';
import { registerWorkflowRules } from './rules';

/** The review workflow, in one place: rules on every document write, its admin API, the audit hooks. */
export function registerWorkflow(strapi: Core.Strapi): void {
  registerWorkflowRules(strapi);
  registerWorkflowRoutes(strapi);
}

export function bootstrapWorkflow(strapi: Core.Strapi): void {
  auditAccountChanges(strapi);
}
