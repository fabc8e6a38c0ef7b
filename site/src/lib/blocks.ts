/**
 * Renders Strapi "blocks" rich text to HTML that is safe to inject with set:html.
 *
 * The input comes from staff accounts, so it is treated as hostile: every text and attribute is
 * escaped, unknown node types are dropped, and links keep only http(s), mailto and same-site URLs.
 * The renderer works on `unknown` rather than trusting the declared BlocksValue shape, because a
 * malformed document must degrade to less output, never to an exception on a public page.
 */
import { mediaUrl } from './cms/media.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * Returns the URL if a reader may safely follow it, otherwise null.
 * Relative URLs are allowed; "//host" is not relative (it is another site with the page's scheme).
 */
export function safeLinkUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // Browsers ignore control characters and whitespace inside schemes ("java\tscript:"), so must we.
  const url = raw.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const compact = url.replace(/[\u0000-\u0020\u007f]/g, '');
  if (!compact) return null;
  if (/^(https?:|mailto:)/i.test(compact)) return url;
  if (compact.startsWith('//') || compact.startsWith('\\')) return null;
  // Any other scheme (javascript:, data:, vbscript:, file: …) is refused.
  if (/^[a-z][a-z0-9+.-]*:/i.test(compact)) return null;
  return url;
}

export interface RenderOptions {
  /** Smallest heading level emitted; the page title owns <h1>, so body headings start at <h2>. */
  minHeadingLevel?: number;
}

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function children(node: Node): unknown[] {
  return Array.isArray(node.children) ? node.children : [];
}

function renderText(node: Node): string {
  const text = typeof node.text === 'string' ? node.text : '';
  if (!text) return '';
  // Shift+Enter in the editor stores a newline inside one paragraph.
  let html = escapeHtml(text).replace(/\r?\n/g, '<br>');
  if (node.code === true) html = `<code>${html}</code>`;
  if (node.strikethrough === true) html = `<s>${html}</s>`;
  if (node.underline === true) html = `<u>${html}</u>`;
  if (node.italic === true) html = `<em>${html}</em>`;
  if (node.bold === true) html = `<strong>${html}</strong>`;
  return html;
}

function renderInline(nodes: unknown[]): string {
  let html = '';
  for (const node of nodes) {
    if (!isNode(node)) continue;
    if (node.type === 'text') {
      html += renderText(node);
    } else if (node.type === 'link') {
      const inner = renderInline(children(node));
      const url = safeLinkUrl(node.url);
      html += url ? `<a href="${escapeHtml(url)}">${inner}</a>` : inner;
    }
  }
  return html;
}

function renderList(node: Node, options: Required<RenderOptions>): string {
  const tag = node.format === 'ordered' ? 'ol' : 'ul';
  const items: string[] = [];
  for (const child of children(node)) {
    if (!isNode(child)) continue;
    if (child.type === 'list-item') {
      items.push(renderInline(children(child)));
    } else if (child.type === 'list') {
      // Strapi stores a nested list as a sibling of the items; valid HTML nests it in the previous <li>.
      const nested = renderList(child, options);
      if (items.length > 0) items[items.length - 1] += nested;
      else items.push(nested);
    }
  }
  if (items.length === 0) return '';
  return `<${tag}>${items.map((item) => `<li>${item}</li>`).join('')}</${tag}>`;
}

function renderImage(node: Node): string {
  const image = isNode(node.image) ? node.image : null;
  if (!image) return '';
  const src = typeof image.url === 'string' ? mediaUrl(image.url) : null;
  if (!src) return '';
  const alt = typeof image.alternativeText === 'string' ? image.alternativeText : '';
  const size =
    typeof image.width === 'number' && typeof image.height === 'number' ? ` width="${Math.round(image.width)}" height="${Math.round(image.height)}"` : '';
  const caption = typeof image.caption === 'string' && image.caption.trim() ? `<figcaption>${escapeHtml(image.caption)}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${size} loading="lazy" decoding="async">${caption}</figure>`;
}

function renderBlock(node: Node, options: Required<RenderOptions>): string {
  switch (node.type) {
    case 'paragraph': {
      const inner = renderInline(children(node));
      return inner ? `<p>${inner}</p>` : '';
    }
    case 'heading': {
      const declared = typeof node.level === 'number' ? Math.trunc(node.level) : 2;
      const level = Math.min(6, Math.max(options.minHeadingLevel, declared));
      const inner = renderInline(children(node));
      return inner ? `<h${level}>${inner}</h${level}>` : '';
    }
    case 'quote': {
      const inner = renderInline(children(node));
      return inner ? `<blockquote><p>${inner}</p></blockquote>` : '';
    }
    case 'code': {
      // Code is shown verbatim: formatting marks inside a code block are ignored.
      const text = children(node)
        .map((child) => (isNode(child) && typeof child.text === 'string' ? child.text : ''))
        .join('');
      return text ? `<pre><code>${escapeHtml(text)}</code></pre>` : '';
    }
    case 'list':
      return renderList(node, options);
    case 'image':
      return renderImage(node);
    default:
      return '';
  }
}

export function renderBlocks(blocks: unknown, options: RenderOptions = {}): string {
  if (!Array.isArray(blocks)) return '';
  const resolved: Required<RenderOptions> = {
    minHeadingLevel: Math.min(6, Math.max(1, options.minHeadingLevel ?? 2)),
  };
  return blocks
    .filter(isNode)
    .map((node) => renderBlock(node, resolved))
    .join('\n');
}

/**
 * Plain text of a blocks document, for meta descriptions and snippets. Headings are left out: run
 * into the following sentence they read as nonsense ("Sứ mệnh Nhà trường chăm sóc…").
 */
export function blocksToText(blocks: unknown, maxLength = Infinity): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isNode(value)) {
      if (value.type === 'heading' || value.type === 'image' || value.type === 'code') return;
      if (value.type === 'text' && typeof value.text === 'string') parts.push(value.text);
      else walk(value.children);
      if (value.type !== 'text' && value.type !== 'link') parts.push(' ');
    }
  };
  walk(blocks);
  const text = parts.join('').replace(/\s+/g, ' ').trim();
  return truncate(text, maxLength);
}

/** Cuts at a word boundary and adds an ellipsis. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
