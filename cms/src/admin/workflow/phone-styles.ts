/**
 * Strapi's preview page puts its title, status, tabs and buttons in one 48 px row that runs off a
 * phone's screen. Under 768 px the row wraps instead, the title taking the first line. The preview
 * header is found by its shape (a header whose first box holds an h1 with a title attribute): Strapi
 * gives it no name of its own.
 */
const CSS = `
@media (max-width: 767px) {
  header:has(> div > h1[title]) {
    height: auto !important;
    flex-wrap: wrap;
    row-gap: 4px;
    padding-bottom: 4px;
  }
  header:has(> div > h1[title]) > div {
    flex: 1 1 100%;
    min-width: 0;
    flex-wrap: wrap;
    border-right: none;
  }
  header:has(> div > h1[title]) h1[title] {
    max-width: none;
    flex: 1 1 auto;
    min-width: 0;
  }
}
`;

export function installPhoneStyles(): void {
  if (typeof document === 'undefined' || document.getElementById('portal-phone-styles')) return;
  const style = document.createElement('style');
  style.id = 'portal-phone-styles';
  style.textContent = CSS;
  document.head.appendChild(style);
}
