/**
 * The admin is the school's: no promotion of Strapi's products, plans or documentation. Config flags turn
 * off what they can (config/admin.ts `flags`, `tutorials`, `notifications` in app.tsx); what has no flag
 * is hidden here:
 * - the purple "new Media Library" banner on top of every page only stays closed once a user has closed
 *   it, remembered under a localStorage key per server; it reads as closed for everyone from the start;
 * - links out to Strapi's pricing, billing, cloud, blog, marketplace, release notes and documentation
 *   (the "?" next to page titles), and the "current plan" entry of Settings › Overview, are hidden by a
 *   style sheet: Strapi renders them from its own components, with no option to leave them out.
 */
const DISMISSED_BANNER = /^STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_/;

const STRAPI_LINKS = [
  'a[href*="strapi.io/pricing"]',
  'a[href*="billing.strapi.io"]',
  'a[href*="cloud.strapi.io"]',
  'a[href*="strapi.io/blog"]',
  'a[href*="market.strapi.io"]',
  'a[href*="docs.strapi.io"]',
  'a[href*="github.com/strapi/strapi"]',
];

const CSS = `
${STRAPI_LINKS.join(',\n')} { display: none !important; }
li:has(> ${STRAPI_LINKS.join('), li:has(> ')}) { display: none !important; }
[role="listitem"]:has(a[href*="market.strapi.io"]) { display: none !important; }
div:has(> dd a[href*="strapi.io/pricing"]) { display: none !important; }
`;

let installed = false;

export function hideStrapiPromotions(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (this: Storage, key: string): string | null {
    if (this === window.localStorage && DISMISSED_BANNER.test(key)) return 'true';
    return getItem.call(this, key);
  };
  const style = document.createElement('style');
  style.dataset.portal = 'no-strapi-promotions';
  style.textContent = CSS;
  document.head.append(style);
}
