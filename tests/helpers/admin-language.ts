import type { Page } from '@playwright/test';

/**
 * English words of a user interface. A visible string (text, or a label read aloud: aria-label, title,
 * placeholder, alt) written in plain ASCII and containing one of them is taken for an untranslated one;
 * anything with a Vietnamese letter is Vietnamese, and names like "PDF" or "URL" are not in the list.
 */
const ENGLISH =
  /\b(about|actions?|add|all|and|apply|are|back|by|cancel|change|choose|clear|click|close|collapse|columns?|configure|confirm|content|copy|create|created|delete|details|documentation|download|drag|drop|edit|empty|entries|entry|expand|field|fields|file|files|filters?|folder|for|from|go|help|hide|home|image|items?|learn|link|list|loading|log|logout|manager|media|more|move|name|navigation|new|next|no|not|of|on|open|or|page|per|please|preview|previous|profile|publish|published|read|refresh|remove|reset|results?|rows?|save|search|see|select|selected|settings|show|skip|sort|status|the|this|to|toggle|unpublish|update|updated|upload|user|users|view|welcome|with|yes|you|your)\b/i;
const VIETNAMESE_LETTER = /[À-ỹĐđ]/;
/** A file's name ("go-bo-blue-17.jpg" in the media library) is the uploader's words, not the interface's. */
const FILE_NAME = /^[\w.-]+\.(avif|docx?|gif|jpe?g|pdf|png|svg|webp|xlsx?)$/i;

export function looksEnglish(text: string): boolean {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 1 && !VIETNAMESE_LETTER.test(clean) && !FILE_NAME.test(clean) && ENGLISH.test(clean);
}

/** The English strings a user sees or hears on the current screen, as "text" or "attribute: text". */
export async function englishOnScreen(page: Page): Promise<string[]> {
  const strings = await page.evaluate(() => {
    const found: string[] = [];
    const shown = (element: Element) => element.checkVisibility({ visibilityProperty: true, opacityProperty: false });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) || !shown(parent)) continue;
      found.push(text);
    }
    for (const element of Array.from(document.body.querySelectorAll('[aria-label], [title], [placeholder], img[alt]'))) {
      if (!shown(element) && element.getAttribute('aria-hidden') !== 'false') continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name)?.trim();
        if (value) found.push(`${name}: ${value}`);
      }
    }
    return found;
  });
  return [...new Set(strings.filter((s) => looksEnglish(s.replace(/^(aria-label|title|placeholder|alt): /, ''))))];
}
