import type { Core } from '@strapi/strapi';
import { registerAccountRoutes, registerAccountRules } from './access/accounts';
import { registerDisplayNames, syncDisplayNames } from './access/display-names';
import { lockDownContentApi } from './access/lockdown';
import { registerPublishedOnly } from './access/published-only';
import { registerReadGuards } from './access/read-guards';
import { ensureRoles, registerConditions } from './access/roles';
import { installRouteGuards } from './access/route-guards';
import { registerRouteInventory } from './access/route-inventory';
import { registerSettingsGuards } from './access/settings-guards';
import { ensureSiteToken } from './access/site-token';
import { applyAdminLabels } from './admin-labels/apply';
import { registerAdmissionRules } from './api/admission/admission-rules';
import { registerDisclosureDates } from './api/disclosure/publish-dates';
import { registerNoticeRules } from './api/notice/notice-rules';
import { registerQuestionRules } from './api/question/question-rules';
import { registerWorkWeekRules } from './api/work-week/week-rules';
import { registerDeliveryRoutes } from './cache/deliveries';
import { startOutbox, stopOutbox } from './cache/outbox';
import { registerPurgeWebhook } from './cache/purge-webhook';
import { settleBackground } from './db/background';
import { registerMediaGuard } from './media/guard';
import { registerMediaTakedown } from './media/takedown';
import { guardUploads } from './uploads/file-guard';
import { registerContentRules } from './validation/content-rules';
import { bootstrapWorkflow, destroyWorkflow, registerWorkflow } from './workflow';
import { registerDisclosureReminders, startDisclosureReminders, stopDisclosureReminders } from './workflow/disclosure-reminders';
import { migrateStoredReviewStates } from './workflow/state-migration';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // First: the guards attach to routes as Strapi registers them, after register().
    installRouteGuards(strapi);
    // The media library's weekly usage report for Strapi's makers: no calls home from a school
    // server, and no rescheduling write into the database at every boot.
    (strapi.plugin('upload').service('weeklyMetrics') as { registerCron(): Promise<void> }).registerCron = async () => {};
    registerPublishedOnly(strapi);
    registerContentRules(strapi);
    registerMediaGuard(strapi);
    registerAccountRoutes(strapi);
    registerDeliveryRoutes(strapi);
    registerWorkflow(strapi);
    registerDisclosureDates(strapi);
    registerAdmissionRules(strapi);
    registerNoticeRules(strapi);
    registerWorkWeekRules(strapi);
    registerQuestionRules(strapi);
    registerPurgeWebhook(strapi);
    registerReadGuards(strapi);
    registerSettingsGuards(strapi);
    registerRouteInventory(strapi);
    registerDisclosureReminders(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // First: everything after reads review states as codes.
    await migrateStoredReviewStates(strapi);
    guardUploads(strapi);
    registerAccountRules(strapi);
    registerDisplayNames(strapi);
    await syncDisplayNames(strapi);
    registerMediaTakedown(strapi);
    await ensureSiteToken(strapi);
    await lockDownContentApi(strapi);
    await registerConditions(strapi);
    await ensureRoles(strapi);
    await applyAdminLabels(strapi);
    await bootstrapWorkflow(strapi);
    await startOutbox(strapi);
    startDisclosureReminders(strapi);
  },

  // Before Strapi closes the database: no timer starts new work, and work already started finishes.
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    destroyWorkflow();
    stopOutbox();
    stopDisclosureReminders();
    await settleBackground(strapi);
  },
};
