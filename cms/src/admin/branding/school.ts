/**
 * The school's mark for the sign-in page and the menu, drawn like the public site's icon
 * (site/public/favicon.svg): the school's initials on its blue, with a sun for a kindergarten. Inlined as
 * a data URL so the admin build needs no asset handling and the sign-in page makes no extra request.
 */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0b4f8a"/><circle cx="49" cy="15" r="7" fill="#f5b82e"/><text x="30" y="44" font-family="Arial, Helvetica, sans-serif" font-size="26" font-weight="700" text-anchor="middle" fill="#fff">HH</text><rect x="12" y="50" width="36" height="3" rx="1.5" fill="#f5b82e"/></svg>`;

export const SCHOOL_LOGO = `data:image/svg+xml,${encodeURIComponent(SVG)}`;

/**
 * The admin bundle is built before the CMS holds any content, so the sign-in page cannot read the school's
 * name from "Thông tin nhà trường"; a school running its own copy changes this line (as it changes the
 * signature of the e-mails) and rebuilds.
 */
export const SCHOOL_NAME = 'Trường Mầm non Hiệp Hòa';
