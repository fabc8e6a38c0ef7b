/**
 * Every route the CMS registers, by key (cms/src/access/route-guards.ts: origin + handler, or
 * `METHOD /path` for function handlers), with how it is protected and what each caller gets.
 *
 * tests/integration/route-inventory.int.test.ts compares this table with the routes Strapi actually
 * registered (GET /portal/routes): a route that appears after a Strapi upgrade, or a plugin switched on,
 * fails the suite until someone decides here who may call it.
 */

export const CALLERS = ['superAdmin', 'leadership', 'staff', 'it', 'siteToken', 'anonymous'] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * - `yes`: the route answers this caller;
 * - `readable`: it answers, narrowed to the documents (or files) the caller may read under the role's
 *   conditions: a document they may not read is refused or left out;
 * - `no`: refused (401, 403, 404 or 405).
 */
export type Access = 'yes' | 'readable' | 'no';

/**
 * - `anonymous`: no credential; the route answers the same whoever asks (login, registration info,
 *   signed public endpoints whose credential is a signature or a token in the request);
 * - `signed-in`: any admin account;
 * - `rbac:<action>`: Strapi's policy checks that admin permission (for content-manager routes, on the
 *   content type named in the URL, conditions applied by the controller);
 * - `super-admin`: our own check, Super Admin only;
 * - `site-token`: content API read with the site's read-only token (published content only);
 * - `off`: refused to everyone, switched off or without any holder of the needed permission;
 * - `guarded:<module>`: a guard of ours decides (reads: cms/src/access/read-guards.ts, media:
 *   cms/src/media/guard.ts, accounts: cms/src/access/accounts.ts, workflow: cms/src/workflow/routes.ts,
 *   deliveries: cms/src/cache/deliveries.ts).
 */
export type RouteClassName = 'anonymous' | 'signed-in' | `rbac:${string}` | 'super-admin' | 'site-token' | 'off' | `guarded:${string}`;

export interface RouteClass {
  cls: RouteClassName;
  access: Record<Caller, Access>;
  /** A POST that only reads: the leak sweep sends it. */
  readLike?: boolean;
  /** Answers with admin accounts (names, e-mails) to those who manage accounts: no author of a document. */
  accounts?: boolean;
  note?: string;
}

const ADMINS: Caller[] = ['superAdmin', 'leadership', 'staff', 'it'];
const EVERYONE: Caller[] = [...ADMINS, 'siteToken', 'anonymous'];

function access(yes: Caller[], readable: Caller[] = []): Record<Caller, Access> {
  const result = Object.fromEntries(CALLERS.map((caller) => [caller, 'no'])) as Record<Caller, Access>;
  for (const caller of yes) result[caller] = 'yes';
  for (const caller of readable) result[caller] = 'readable';
  return result;
}

type Extra = Pick<RouteClass, 'readLike' | 'accounts' | 'note'>;
const anonymous = (extra: Extra = {}): RouteClass => ({ cls: 'anonymous', access: access(EVERYONE), ...extra });
const signedIn = (extra: Extra = {}): RouteClass => ({ cls: 'signed-in', access: access(ADMINS), ...extra });
/** Every signed-in admin, each seeing only what the role's conditions let them read. */
const signedInReadable = (extra: Extra = {}): RouteClass => ({ cls: 'signed-in', access: access(['superAdmin'], ['leadership', 'staff', 'it']), ...extra });
const rbac = (action: string, yes: Caller[], readable: Caller[] = [], extra: Extra = {}): RouteClass => ({
  cls: `rbac:${action}`,
  access: access(yes, readable),
  ...extra,
});
const superAdminOnly = (action: string, extra: Extra = {}): RouteClass => rbac(action, ['superAdmin'], [], extra);
const off = (note: string): RouteClass => ({ cls: 'off', access: access([]), note });
const siteToken = (): RouteClass => ({ cls: 'site-token', access: access(['siteToken']), note: 'published content only' });
const guarded = (module: string, yes: Caller[], readable: Caller[] = [], extra: Extra = {}): RouteClass => ({
  cls: `guarded:${module}`,
  access: access(yes, readable),
  ...extra,
});

// Content-manager permissions held by each role (cms/src/access/roles.ts), on at least one type.
const CM_READ = (): [Caller[], Caller[]] => [['superAdmin'], ['leadership', 'staff', 'it']];
const CM_UPDATE: [Caller[], Caller[]] = [
  ['superAdmin', 'leadership'],
  ['staff', 'it'],
];
const CM_DELETE: Caller[] = ['superAdmin', 'leadership', 'it'];
const CM_PUBLISH: Caller[] = ['superAdmin', 'leadership', 'it'];
const SINGLE_TYPE_WRITERS: Caller[] = ['superAdmin', 'leadership'];
const UPLOAD_READ: [Caller[], Caller[]] = [['superAdmin', 'leadership', 'it'], ['staff']];
const reads = (extra: Extra = {}) => guarded('reads', ...CM_READ(), extra);

const PUBLIC_TYPES = ['activity', 'admission', 'album', 'announcement', 'article', 'category', 'directive', 'disclosure', 'faq', 'menu', 'notice', 'work-week'];

export const ROUTE_CLASSES: Record<string, RouteClass> = {
  // --- Ours ------------------------------------------------------------------------------------------
  'GET /workflow/queue': guarded('workflow', ['superAdmin', 'leadership'], [], { note: 'review queue, Ban giám hiệu only' }),
  'GET /workflow/disclosure-duties': guarded('workflow', ['superAdmin', 'leadership'], [], {
    note: 'Việc cần công khai: deadlines of Thông tư 09/2024, Ban giám hiệu only',
  }),
  'GET /workflow/mine': signedInReadable({ note: "the caller's own items" }),
  'GET /workflow/compose-options': signedIn({ note: 'class names and the site URL for the phone page' }),
  'GET /workflow/history/:uid/:documentId': reads({ note: 'audit trail of a document the caller may read' }),
  'GET /workflow/versions/:uid/:documentId': reads({ note: 'saved versions of a document the caller may read' }),
  'GET /workflow/versions/:uid/:documentId/:version': reads({ note: 'two versions of a readable document compared' }),
  'POST /workflow/versions/:uid/:documentId/:version/restore': guarded('workflow', ['superAdmin', 'leadership'], ['staff'], {
    note: 'a version back as a new draft: the Ban giám hiệu, or staff on their own items',
  }),
  'POST /workflow/submissions/:documentId/to-article': guarded('workflow', ['superAdmin', 'leadership']),
  'GET /workflow/schedules': guarded('workflow', ['superAdmin', 'leadership'], [], { note: 'waiting scheduled publications, Ban giám hiệu only' }),
  'POST /workflow/schedules': guarded('workflow', ['superAdmin', 'leadership'], [], { note: 'approve with a publish time' }),
  'DELETE /workflow/schedules/:id': guarded('workflow', ['superAdmin', 'leadership'], [], { note: 'cancel a scheduled step' }),
  'GET /portal/routes': { cls: 'super-admin', access: access(['superAdmin']), note: 'this inventory' },
  'POST /portal/test/disclosure-reminders': {
    cls: 'super-admin',
    access: access(['superAdmin']),
    note: 'test stacks only (PORTAL_TEST_ROUTES=1): disclosure reminders as at a chosen instant',
  },
  'POST /portal/accounts/:id/reset-link': guarded('accounts', ['superAdmin', 'it']),
  'GET /portal/deliveries': guarded('deliveries', ['superAdmin', 'it'], [], { accounts: true, note: 'failed and retried deliveries, with e-mail recipients' }),
  'POST /portal/deliveries/:id/retry': guarded('deliveries', ['superAdmin', 'it'], [], { note: 'send a failed delivery again' }),
  'POST /portal/deliveries/:id/dismiss': guarded('deliveries', ['superAdmin', 'it'], [], { note: 'set a failed delivery aside' }),
  'GET /': anonymous({ note: 'public folder' }),
  'GET /((?!uploads/).+)': anonymous({ note: 'public folder and the admin panel files' }),
  'api::correction.correction.create': anonymous({ note: 'signed by the site (WEBHOOK_SECRET); unsigned requests are refused for everyone' }),
  'api::question.question.ask': anonymous({ note: "a parent's question, signed by the site (WEBHOOK_SECRET); unsigned requests are refused for everyone" }),
  'api::preview.preview.find': anonymous({ note: 'the signed, expiring preview link is the credential' }),
  'api::ops.ops.alertRecipients': anonymous({ note: 'MONITOR_TOKEN checked in the controller' }),
  'api::change.change.list': {
    ...siteToken(),
    note: "the change sequence: the site's token checked in the controller; change numbers, tags and file names only",
  },
  'api::ops.ops.deliveries': anonymous({ note: 'MONITOR_TOKEN checked in the controller; counts only' }),

  // --- Admin: panel, authentication, own account ---------------------------------------------------
  'admin.admin.init': anonymous(),
  'admin.admin.getProjectType': anonymous(),
  'admin.admin.getProjectSettings': superAdminOnly('admin::project-settings.read'),
  'admin.admin.updateProjectSettings': superAdminOnly('admin::project-settings.update'),
  'admin.admin.information': signedIn(),
  'admin.admin.telemetryProperties': signedIn(),
  'admin.admin.plugins': superAdminOnly('admin::marketplace.read'),
  'admin.admin.licenseTrialTimeLeft': signedIn(),
  'admin.admin.getGuidedTourMeta': signedIn(),
  'admin.authentication.login': anonymous(),
  'admin.authentication.accessToken': anonymous({ note: 'refresh cookie' }),
  'admin.authentication.registerAdmin': anonymous({ note: 'only while no admin exists' }),
  'admin.authentication.registrationInfo': anonymous({ note: 'needs a registration token' }),
  'admin.authentication.register': guarded('accounts', EVERYONE, [], { note: 'holder of a registration token sets their password' }),
  'admin.authentication.forgotPassword': anonymous(),
  'admin.authentication.resetPassword': anonymous(),
  'admin.authentication.logout': signedIn(),
  'admin.permission.getAll': signedIn({ note: 'the list of permission actions, not who holds them' }),
  'admin.permission.check': signedIn({ readLike: true, note: "checks the caller's own permissions" }),
  'admin.authenticated-user.getMe': signedIn(),
  'admin.authenticated-user.updateMe': guarded('accounts', ADMINS),
  'admin.authenticated-user.getOwnPermissions': signedIn(),
  'admin.authenticated-session.list': signedIn(),
  'admin.authenticated-session.revokeAll': signedIn(),
  'admin.authenticated-session.revoke': signedIn(),
  'admin.homepage.getKeyStatistics': signedIn({ note: 'counts of assets, admins, tokens: no document' }),
  'admin.homepage.getHomepageLayout': signedIn(),
  'admin.homepage.updateHomepageLayout': signedIn({ note: "the caller's own widget layout" }),
  'admin.ai.getAiUsage': signedIn(),
  'admin.ai.getAiToken': signedIn(),
  'admin.ai.getAiFeatureConfig': off('AI features are not part of this edition: 404 for everyone'),
  'admin.content-api.getPermissions': signedIn({ note: 'the list of content-API actions' }),
  'admin.content-api.getRoutes': signedIn({ note: 'the list of content-API routes' }),

  // --- Admin: accounts and roles ---------------------------------------------------------------------
  'admin.user.create': guarded('accounts', ['superAdmin', 'it']),
  'admin.user.find': guarded('accounts', ['superAdmin', 'it'], [], { accounts: true }),
  'admin.user.findOne': guarded('accounts', ['superAdmin', 'it'], [], { accounts: true }),
  'admin.user.update': guarded('accounts', ['superAdmin', 'it']),
  'admin.user.deleteOne': guarded('accounts', ['superAdmin']),
  'admin.user.deleteMany': guarded('accounts', ['superAdmin']),
  // Reads also guarded by read-guards.ts: no `populate` (it returned users with password hashes and tokens).
  'admin.role.getPermissions': guarded('accounts', ['superAdmin', 'it'], [], { accounts: true }),
  'admin.role.findOne': guarded('accounts', ['superAdmin', 'it'], [], { accounts: true }),
  'admin.role.findAll': guarded('accounts', ['superAdmin', 'it'], [], { accounts: true }),
  'admin.role.updatePermissions': guarded('accounts', ['superAdmin']),
  'admin.role.create': guarded('accounts', ['superAdmin']),
  'admin.role.update': guarded('accounts', ['superAdmin']),
  'admin.role.deleteOne': guarded('accounts', ['superAdmin']),
  'admin.role.deleteMany': guarded('accounts', ['superAdmin']),

  // --- Admin: settings only the Super Admin holds ---------------------------------------------------
  'admin.webhooks.listWebhooks': superAdminOnly('admin::webhooks.read'),
  'admin.webhooks.createWebhook': superAdminOnly('admin::webhooks.create'),
  'admin.webhooks.getWebhook': superAdminOnly('admin::webhooks.read'),
  'admin.webhooks.updateWebhook': superAdminOnly('admin::webhooks.update'),
  'admin.webhooks.deleteWebhook': superAdminOnly('admin::webhooks.delete'),
  'admin.webhooks.deleteWebhooks': superAdminOnly('admin::webhooks.delete'),
  'admin.webhooks.triggerWebhook': superAdminOnly('admin::webhooks.update'),
  'admin.api-token.create': superAdminOnly('admin::api-tokens.create'),
  'admin.api-token.list': superAdminOnly('admin::api-tokens.read'),
  'admin.api-token.revoke': superAdminOnly('admin::api-tokens.delete'),
  'admin.api-token.get': superAdminOnly('admin::api-tokens.read'),
  'admin.api-token.update': superAdminOnly('admin::api-tokens.update'),
  'admin.api-token.regenerate': superAdminOnly('admin::api-tokens.regenerate'),
  'admin.admin-token.create': superAdminOnly('admin::admin-tokens.create'),
  'admin.admin-token.list': superAdminOnly('admin::admin-tokens.read'),
  'admin.admin-token.revoke': superAdminOnly('admin::admin-tokens.delete'),
  'admin.admin-token.get': superAdminOnly('admin::admin-tokens.read'),
  'admin.admin-token.update': superAdminOnly('admin::admin-tokens.update'),
  'admin.admin-token.regenerate': superAdminOnly('admin::admin-tokens.regenerate'),
  'admin.admin-token.getOwnerPermissions': superAdminOnly('admin::admin-tokens.read'),
  'admin.transfer.runner-push': off('needs a transfer token (none exists; only the Super Admin could create one)'),
  'admin.transfer.runner-pull': off('needs a transfer token (none exists; only the Super Admin could create one)'),
  'admin.transfer.token-create': off('data transfer is switched off: 404 for everyone, the Super Admin included'),
  'admin.transfer.token-list': off('data transfer is switched off: 404 for everyone, the Super Admin included'),
  'admin.transfer.token-revoke': off('data transfer is switched off: 404 for everyone, the Super Admin included'),
  'admin.transfer.token-getById': off('data transfer is switched off: 404 for everyone, the Super Admin included'),
  'admin.transfer.token-update': off('data transfer is switched off: 404 for everyone, the Super Admin included'),
  'admin.transfer.token-regenerate': off('data transfer is switched off: 404 for everyone, the Super Admin included'),

  // --- Content manager -------------------------------------------------------------------------------
  'content-manager.init.getInitData': signedIn(),
  'content-manager.content-types.findContentTypes': signedIn(),
  'content-manager.content-types.findContentTypesSettings': signedIn(),
  'content-manager.content-types.findContentTypeConfiguration': signedIn(),
  'content-manager.content-types.updateContentTypeConfiguration': superAdminOnly('plugin::content-manager.content-types.configure-view'),
  'content-manager.components.findComponents': signedIn(),
  'content-manager.components.findComponentConfiguration': signedIn(),
  'content-manager.components.updateComponentConfiguration': guarded('settings', ['superAdmin'], [], {
    note: 'Strapi checks no permission; cms/src/access/settings-guards.ts keeps it to the Super Admin',
  }),
  'content-manager.uid.generateUID': signedIn({ readLike: true, note: 'slug uniqueness: says whether a slug is taken, by anyone' }),
  'content-manager.uid.checkUIDAvailability': signedIn({ readLike: true, note: 'slug uniqueness: says whether a slug is taken, by anyone' }),
  'content-manager.relations.findAvailable': reads(),
  'content-manager.relations.findExisting': reads(),
  'content-manager.single-types.find': reads(),
  'content-manager.single-types.createOrUpdate': guarded('reads', SINGLE_TYPE_WRITERS, [], {
    note: 'rbac create/update; related documents in the answer pruned',
  }),
  'content-manager.single-types.delete': rbac('plugin::content-manager.explorer.delete', SINGLE_TYPE_WRITERS),
  'content-manager.single-types.publish': guarded('reads', SINGLE_TYPE_WRITERS),
  'content-manager.single-types.unpublish': guarded('reads', SINGLE_TYPE_WRITERS),
  'content-manager.single-types.discard': guarded('reads', SINGLE_TYPE_WRITERS),
  'content-manager.single-types.countDraftRelations': rbac('plugin::content-manager.explorer.read', ...CM_READ()),
  'content-manager.collection-types.find': reads(),
  'content-manager.collection-types.create': guarded('reads', ['superAdmin', 'leadership'], ['staff', 'it'], {
    note: 'rbac create; workflow rules; related documents pruned',
  }),
  'content-manager.collection-types.clone': guarded('reads', ['superAdmin', 'leadership'], ['staff', 'it'], { readLike: true }),
  'content-manager.collection-types.autoClone': guarded('reads', ['superAdmin', 'leadership'], ['staff', 'it'], { readLike: true }),
  'content-manager.collection-types.findOne': reads(),
  'content-manager.collection-types.update': guarded('reads', ...CM_UPDATE),
  'content-manager.collection-types.delete': rbac('plugin::content-manager.explorer.delete', CM_DELETE),
  'content-manager.collection-types.publish': guarded('reads', CM_PUBLISH),
  'content-manager.collection-types.unpublish': guarded('reads', CM_PUBLISH),
  'content-manager.collection-types.discard': guarded('reads', ...CM_UPDATE),
  'content-manager.collection-types.bulkDelete': rbac('plugin::content-manager.explorer.delete', CM_DELETE),
  'content-manager.collection-types.bulkFindForValidation': reads({ readLike: true }),
  'content-manager.collection-types.bulkPublish': rbac('plugin::content-manager.explorer.publish', CM_PUBLISH),
  'content-manager.collection-types.bulkUnpublish': rbac('plugin::content-manager.explorer.publish', CM_PUBLISH),
  'content-manager.collection-types.countDraftRelations': reads(),
  'content-manager.collection-types.countManyEntriesDraftRelations': reads(),
  'content-manager.preview.getPreviewUrl': reads({ note: 'a link only for the author and the Ban giám hiệu (cms/src/preview/links.ts)' }),
  'content-manager.preview.getPreviewScript': anonymous(),
  'content-manager.homepage.getRecentDocuments': signedInReadable({ note: "Strapi applies the role's conditions" }),
  'content-manager.homepage.getCountDocuments': reads(),

  // --- Content-type builder (schema editing; production runs never change the schema) --------------
  ...Object.fromEntries(
    [
      'builder.getReservedNames',
      'content-types.getContentTypes',
      'content-types.getContentType',
      'content-types.createContentType',
      'content-types.updateContentType',
      'content-types.deleteContentType',
      'components.getComponents',
      'components.getComponent',
      'components.createComponent',
      'components.updateComponent',
      'components.deleteComponent',
      'component-categories.editCategory',
      'component-categories.deleteCategory',
      'schema.getSchema',
      'schema.updateSchema',
      'schema.getUpdateSchemaStatus',
    ].map((handler) => [`content-type-builder.${handler}`, superAdminOnly('plugin::content-type-builder.read')]),
  ),

  // --- E-mail ------------------------------------------------------------------------------------------
  'email.email.send': guarded('settings', [], [], {
    note: 'switched off: Strapi checks no permission and it sends anything as the school (cms/src/access/settings-guards.ts)',
  }),
  'email.email.test': superAdminOnly('plugin::email.settings.read'),
  'email.email.getSettings': superAdminOnly('plugin::email.settings.read'),
  'email.email.verify': superAdminOnly('plugin::email.settings.read'),

  // --- Media library -----------------------------------------------------------------------------------
  'upload.admin-settings.getSettings': superAdminOnly('plugin::upload.settings.read'),
  'upload.admin-settings.updateSettings': superAdminOnly('plugin::upload.settings.read'),
  'upload.admin-upload.upload': guarded('media', ADMINS),
  'upload.admin-upload.uploadFromUrls': guarded('media', [], [], { note: 'switched off' }),
  'upload.admin-file.find': rbac('plugin::upload.read', ...UPLOAD_READ),
  'upload.admin-upload.uploadFile': rbac('plugin::upload.assets.create', ADMINS),
  'upload.admin-file.findOne': rbac('plugin::upload.read', ...UPLOAD_READ),
  'upload.admin-upload.updateFileInfo': guarded('media', ['superAdmin', 'leadership'], ['staff', 'it']),
  'upload.admin-upload.replaceFile': guarded('media', ['superAdmin', 'leadership'], ['staff', 'it']),
  'upload.admin-file.destroy': guarded('media', ['superAdmin', 'leadership'], ['staff', 'it']),
  'upload.admin-folder.findOne': rbac('plugin::upload.read', ...UPLOAD_READ),
  'upload.admin-folder.find': rbac('plugin::upload.read', ...UPLOAD_READ),
  'upload.admin-folder.create': rbac('plugin::upload.assets.create', ADMINS),
  'upload.admin-folder.update': guarded('media', ['superAdmin', 'leadership']),
  'upload.admin-folder.getStructure': rbac('plugin::upload.read', ...UPLOAD_READ),
  'upload.admin-folder-file.deleteMany': guarded('media', ['superAdmin', 'leadership'], ['staff', 'it']),
  'upload.admin-folder-file.moveMany': guarded('media', ['superAdmin', 'leadership'], ['staff', 'it']),
  'upload.admin-upload.bulkUpdateFileInfo': guarded('media', ['superAdmin', 'leadership'], ['staff', 'it']),
  'upload.admin-file.generateAIMetadata': guarded('media', [], [], { note: 'switched off' }),
  'upload.admin-file.createAIMetadataJob': guarded('media', [], [], { note: 'switched off' }),
  'upload.admin-file.getLatestAIMetadataJob': off('AI features are not part of this edition: 404 for everyone'),
  'upload.admin-file.getAIMetadataPendingCount': off('AI features are not part of this edition: refused for everyone'),
  'upload.view-configuration.findViewConfiguration': signedIn(),
  'upload.view-configuration.updateViewConfiguration': rbac('plugin::upload.configure-view', ADMINS),

  // --- Internationalisation ----------------------------------------------------------------------------
  'i18n.iso-locales.listIsoLocales': superAdminOnly('plugin::i18n.locale.read'),
  'i18n.locales.listLocales': signedIn({ note: 'admin route; the content-API one with the same key is off for the site token' }),
  'i18n.locales.createLocale': superAdminOnly('plugin::i18n.locale.create'),
  'i18n.locales.updateLocale': superAdminOnly('plugin::i18n.locale.update'),
  'i18n.locales.deleteLocale': superAdminOnly('plugin::i18n.locale.delete'),
  'i18n.content-types.getNonLocalizedAttributes': reads({ readLike: true }),
  'i18n.content-types.getFillFromLocaleData': reads(),
  'i18n.settings.getSettings': signedIn(),
  'i18n.settings.updateSettings': guarded('settings', ['superAdmin'], [], {
    note: 'Strapi checks no permission; kept to the Super Admin (cms/src/access/settings-guards.ts)',
  }),
  'i18n.ai-localization-jobs.getJobForCollectionType': reads(),
  'i18n.ai-localization-jobs.getJobForSingleType': signedIn(),

  // --- Users & permissions (the content API's own accounts: unused, locked down) ----------------------
  'users-permissions.role.findOne': superAdminOnly('plugin::users-permissions.roles.read', { note: 'admin route; the content-API one is off' }),
  'users-permissions.role.find': superAdminOnly('plugin::users-permissions.roles.read', { note: 'admin route; the content-API one is off' }),
  'users-permissions.role.createRole': superAdminOnly('plugin::users-permissions.roles.create'),
  'users-permissions.role.updateRole': superAdminOnly('plugin::users-permissions.roles.update'),
  'users-permissions.role.deleteRole': superAdminOnly('plugin::users-permissions.roles.delete'),
  'users-permissions.settings.getEmailTemplate': superAdminOnly('plugin::users-permissions.email-templates.read'),
  'users-permissions.settings.updateEmailTemplate': superAdminOnly('plugin::users-permissions.email-templates.update'),
  'users-permissions.settings.getAdvancedSettings': superAdminOnly('plugin::users-permissions.advanced-settings.read'),
  'users-permissions.settings.updateAdvancedSettings': superAdminOnly('plugin::users-permissions.advanced-settings.update'),
  'users-permissions.settings.getProviders': superAdminOnly('plugin::users-permissions.providers.read'),
  'users-permissions.settings.updateProviders': superAdminOnly('plugin::users-permissions.providers.update'),
  'users-permissions.permissions.getPermissions': signedIn({ note: 'admin route: the list of content-API actions; the content-API one is off' }),
  'users-permissions.permissions.getPolicies': signedIn(),
  'users-permissions.permissions.getRoutes': signedIn(),
  ...Object.fromEntries(
    [
      'auth.connect',
      'auth.callback',
      'auth.register',
      'auth.forgotPassword',
      'auth.resetPassword',
      'auth.emailConfirmation',
      'auth.sendEmailConfirmation',
      'auth.changePassword',
      'auth.refresh',
      'auth.logout',
      'auth.getSessions',
      'auth.revokeSession',
      'user.count',
      'user.find',
      'user.me',
      'user.findOne',
      'user.create',
      'user.update',
      'user.destroy',
    ].map((handler) => [
      `users-permissions.${handler}`,
      off('content-API accounts: the public and authenticated roles hold no permission (cms/src/access/lockdown.ts)'),
    ]),
  ),

  // --- Content API -------------------------------------------------------------------------------------
  ...Object.fromEntries(
    PUBLIC_TYPES.flatMap((type) => [
      [`api::${type}.${type}.find`, siteToken()],
      [`api::${type}.${type}.findOne`, siteToken()],
      [`api::${type}.${type}.create`, off('the site token only reads')],
      [`api::${type}.${type}.update`, off('the site token only reads')],
      [`api::${type}.${type}.delete`, off('the site token only reads')],
    ]),
  ),
  'api::school.school.find': siteToken(),
  'api::school.school.update': off('the site token only reads'),
  'api::school.school.delete': off('the site token only reads'),
  'upload.content-api.upload': off('the site token holds no upload permission'),
  'upload.content-api.find': off('the site token holds no upload permission'),
  'upload.content-api.findPage': off('the site token holds no upload permission'),
  'upload.content-api.findOne': off('the site token holds no upload permission'),
  'upload.content-api.destroy': off('the site token holds no upload permission'),
};

/**
 * Keys registered twice, once as an admin route and once as a content-API route (same origin and
 * handler). The table above describes the admin one; the content-API twin is off for everyone.
 * (email.email.send is not listed: its guard switches off both twins, so the table's entry fits both.)
 */
export const CONTENT_API_TWINS_OFF = new Set([
  'content-type-builder.content-types.getContentTypes',
  'content-type-builder.content-types.getContentType',
  'content-type-builder.components.getComponents',
  'content-type-builder.components.getComponent',
  'i18n.locales.listLocales',
  'users-permissions.role.findOne',
  'users-permissions.role.find',
  'users-permissions.role.createRole',
  'users-permissions.role.updateRole',
  'users-permissions.role.deleteRole',
  'users-permissions.permissions.getPermissions',
]);

/** The class of one registered route: the content-API twin of an admin route is off. */
export function classOf(route: { key: string; type: string }): RouteClass | undefined {
  if (route.type === 'content-api' && CONTENT_API_TWINS_OFF.has(route.key))
    return off('content-API twin of an admin route: the site token holds no such permission');
  return ROUTE_CLASSES[route.key];
}
