/**
 * Share links for the networks parents use, as plain links: no SDK, no third-party script (the CSP
 * forbids them, and a page must work without JavaScript). Each network's own share page asks the
 * reader to sign in and pick where to post; the link only names the page.
 */

export interface ShareLink {
  network: 'zalo' | 'facebook';
  /** Name of the network: the visible text, short enough for both links on one phone line. */
  name: string;
  href: string;
}

/** Base64 of UTF-8 text, as Zalo's share page expects its `d` payload. */
function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * Zalo's share page, the one its share button opens (button-share.zalo.me/share_external), with the
 * page both as `url` and in the `d` payload the button sends.
 */
export function zaloShareUrl(pageUrl: string): string {
  const query = new URLSearchParams({
    layout: '1',
    color: 'blue',
    customize: 'false',
    url: pageUrl,
    d: base64(JSON.stringify({ url: pageUrl })),
    shareType: '0',
  });
  return `https://button-share.zalo.me/share_external?${query}`;
}

/** Facebook's sharer, which reads the page's Open Graph tags for the preview. */
export function facebookShareUrl(pageUrl: string): string {
  return `https://www.facebook.com/sharer/sharer.php?${new URLSearchParams({ u: pageUrl })}`;
}

export function shareLinks(pageUrl: string): ShareLink[] {
  return [
    { network: 'zalo', name: 'Zalo', href: zaloShareUrl(pageUrl) },
    { network: 'facebook', name: 'Facebook', href: facebookShareUrl(pageUrl) },
  ];
}
