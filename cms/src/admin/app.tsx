import { reviewStateLabel } from '@portal/common/review-states';
import { uidOf } from '@portal/common/sections';
import { Badge, Typography } from '@strapi/design-system';
import { Clock, Mail, PaperPlane, Pencil, User } from '@strapi/icons';
import { InputRenderer, type StrapiApp } from '@strapi/strapi/admin';
import { combinedStatus, type PublicationStatus } from '../workflow/status';
import { translateStrapiAriaLabels } from './branding/aria-labels';
import { installVietnameseDates } from './branding/dates';
import { hideStrapiPromotions } from './branding/promotions';
import { SCHOOL_LOGO, SCHOOL_NAME } from './branding/school';
import vi from './translations/vi.json';
import { reviewDocumentActions } from './workflow/actions';
import { installPhoneStyles } from './workflow/phone-styles';
import { QueueMenuIcon } from './workflow/QueueCount';
import { TONE_COLOURS, WorkflowPanel } from './workflow/WorkflowPanel';

const REVIEW_FIELD = 'reviewState';
interface ListHeader {
  name: string;
  [key: string]: unknown;
}
interface ListFilter {
  name: string;
  options?: { label: string; value: string }[];
  [key: string]: unknown;
}

// Vietnamese is the admin's language unless a user picked another one on this browser.
const LANGUAGE_KEY = 'strapi-admin-language';
if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) {
  window.localStorage.setItem(LANGUAGE_KEY, 'vi');
}
// Before the first screen renders: it already formats dates and may show a banner.
installVietnameseDates();
hideStrapiPromotions();
translateStrapiAriaLabels();

export default {
  config: {
    locales: ['vi'],
    translations: {
      vi: {
        ...vi,
        // The school's name is a build-time constant (branding/school.ts), not a translation.
        'Auth.form.welcome.title': `Trang quản trị – ${SCHOOL_NAME}`,
        // Read aloud at the top of the menu, under the school's mark.
        'app.components.LeftMenu.navbrand.title': 'Trang quản trị',
        'app.components.LeftMenu.navbrand.workplace': SCHOOL_NAME,
      },
    },
    auth: { logo: SCHOOL_LOGO },
    menu: { logo: SCHOOL_LOGO },
    tutorials: false,
    notifications: { releases: false },
  },
  // Home-page widgets can only be registered here; the bootstrap step gets no widgets API.
  register(app: StrapiApp) {
    // The phone page for staff; also reached by typing /admin/gui-bai (the sign-in page returns there).
    app.addMenuLink({
      to: 'gui-bai',
      icon: PaperPlane,
      intlLabel: { id: 'portal.compose.menu', defaultMessage: 'Gửi bài' },
      permissions: [{ action: 'plugin::content-manager.explorer.create', subject: uidOf('activity') }],
      Component: () => import('./compose/ComposePage'),
      position: 1,
    });
    app.addMenuLink({
      to: 'tai-khoan',
      icon: User,
      intlLabel: { id: 'portal.accounts.menu', defaultMessage: 'Tài khoản' },
      permissions: [{ action: 'admin::users.update', subject: null }],
      Component: () => import('./accounts/AccountsPage'),
      position: 2,
    });
    // For the Tổ CNTT (the server refuses everyone else): e-mails and site updates that could not be sent.
    app.addMenuLink({
      to: 'hang-doi-gui',
      icon: Mail,
      intlLabel: { id: 'portal.deliveries.menu', defaultMessage: 'Hàng đợi gửi' },
      permissions: [{ action: 'admin::users.update', subject: null }],
      Component: () => import('./deliveries/DeliveriesPage'),
      position: 3,
    });
    // The Ban giám hiệu's work comes first: "Chờ duyệt" with its count, above everything else.
    app.addMenuLink({
      to: 'cho-duyet',
      icon: QueueMenuIcon,
      intlLabel: { id: 'portal.queue.menu', defaultMessage: 'Chờ duyệt' },
      permissions: [{ action: 'plugin::content-manager.explorer.publish', subject: uidOf('article') }],
      Component: () => import('./workflow/QueuePage'),
      position: 0,
    });
    // A reducer, not a list: Strapi's own widgets are registered before ours, and ours go first.
    app.widgets.register((builtIn) => [
      {
        id: 'cho-duyet',
        icon: Clock,
        title: { id: 'portal.widget.queue', defaultMessage: 'Chờ duyệt' },
        component: async () => (await import('./workflow/Widgets')).QueueWidget,
        // Publishing is what the Ban giám hiệu (and only they) may do.
        permissions: [{ action: 'plugin::content-manager.explorer.publish', subject: uidOf('article') }],
      },
      {
        id: 'viec-can-cong-khai',
        icon: Clock,
        title: { id: 'portal.widget.duties', defaultMessage: 'Việc cần công khai' },
        component: async () => (await import('./workflow/DutiesWidget')).DutiesWidget,
        // Disclosures are the Ban giám hiệu's to publish.
        permissions: [{ action: 'plugin::content-manager.explorer.publish', subject: uidOf('disclosure') }],
      },
      {
        id: 'bai-cua-toi',
        icon: Pencil,
        title: { id: 'portal.widget.mine', defaultMessage: 'Bài của tôi' },
        component: async () => (await import('./workflow/Widgets')).MineWidget,
        permissions: [{ action: 'plugin::content-manager.explorer.create', subject: uidOf('article') }],
      },
      ...builtIn,
    ]);
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel(panels: unknown[]): void; addDocumentAction(reducer: (actions: never[]) => unknown[]): void };
    };
    contentManager.apis.addEditViewSidePanel([WorkflowPanel]);
    contentManager.apis.addDocumentAction(reviewDocumentActions);
    installPhoneStyles();
    // The database keeps review states as codes ("pending"); the list view's column and filter show the
    // Vietnamese words instead, as they did when the words themselves were stored.
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', ({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) => ({
      layout,
      displayedHeaders: displayedHeaders.map((header) =>
        header.name === REVIEW_FIELD
          ? {
              ...header,
              // One status: the review state and whether (and how) the item is online.
              cellFormatter: (row: Record<string, unknown>) => {
                const status = combinedStatus(
                  typeof row[REVIEW_FIELD] === 'string' ? row[REVIEW_FIELD] : null,
                  typeof row.status === 'string' ? (row.status as PublicationStatus) : 'draft',
                );
                const colours = TONE_COLOURS[status.tone];
                return (
                  <Badge backgroundColor={colours.background} textColor={colours.text} maxWidth="30rem">
                    <Typography ellipsis>{status.label}</Typography>
                  </Badge>
                );
              },
            }
          : header,
      ),
    }));
    app.registerHook('Admin/CM/pages/ListView/inject-in-filters', ({ displayedFilters, layout }: { displayedFilters: ListFilter[]; layout: unknown }) => ({
      layout,
      displayedFilters: displayedFilters.map((filter) =>
        filter.name === REVIEW_FIELD && filter.options
          ? // With an `input` of its own, the filter's tag above the list names the chosen option by its label too.
            { ...filter, input: InputRenderer, options: filter.options.map((option) => ({ ...option, label: reviewStateLabel(option.value) })) }
          : filter,
      ),
    }));
  },
};
