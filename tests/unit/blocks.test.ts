import { describe, expect, it } from 'vitest';
import { blocksToText, renderBlocks, safeLinkUrl } from '../../site/src/lib/blocks.ts';

const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });
const link = (url: string, label: string) => ({ type: 'link', url, children: [text(label)] });

describe('renderBlocks', () => {
  it('escapes a <script> typed into the text, so it shows as text and never runs', () => {
    const html = renderBlocks([paragraph(text('<script>alert("x")</script> & more'))]);
    expect(html).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</p>');
    expect(html).not.toContain('<script');
  });

  it('escapes quotes in link URLs so they cannot break out of the href attribute', () => {
    const html = renderBlocks([paragraph(link('https://example.vn/?q="><img src=x onerror=alert(1)>', 'xem'))]);
    expect(html).not.toContain('"><img');
    expect(html).toContain('href="https://example.vn/?q=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('drops javascript: links but keeps their text', () => {
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,hi', 'vbscript:x']) {
      const html = renderBlocks([paragraph(link(url, 'bấm vào đây'))]);
      expect(html, url).toBe('<p>bấm vào đây</p>');
    }
  });

  it('keeps http, https, mailto and same-site links', () => {
    expect(renderBlocks([paragraph(link('https://moet.gov.vn', 'Bộ GD&ĐT'))])).toBe('<p><a href="https://moet.gov.vn">Bộ GD&amp;ĐT</a></p>');
    expect(renderBlocks([paragraph(link('mailto:lienhe@mnhiephoa.test', 'thư'))])).toContain('href="mailto:lienhe@mnhiephoa.test"');
    expect(renderBlocks([paragraph(link('/van-ban/quyet-dinh-380-qd-mnhh', 'QĐ 380'))])).toContain('href="/van-ban/quyet-dinh-380-qd-mnhh"');
  });

  it('treats a protocol-relative //host link as another site and drops it', () => {
    expect(safeLinkUrl('//evil.example/x')).toBeNull();
  });

  it('renders headings, starting below the page title', () => {
    expect(renderBlocks([{ type: 'heading', level: 2, children: [text('Sứ mệnh')] }])).toBe('<h2>Sứ mệnh</h2>');
    expect(renderBlocks([{ type: 'heading', level: 1, children: [text('Tiêu đề')] }])).toBe('<h2>Tiêu đề</h2>');
    expect(renderBlocks([{ type: 'heading', level: 3, children: [text('Mục')] }], { minHeadingLevel: 4 })).toBe('<h4>Mục</h4>');
  });

  it('renders ordered and unordered lists, nesting a sub-list inside the previous item', () => {
    const html = renderBlocks([
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [text('Bữa trưa')] },
          { type: 'list', format: 'ordered', indentLevel: 1, children: [{ type: 'list-item', children: [text('Cơm')] }] },
          { type: 'list-item', children: [text('Bữa chiều')] },
        ],
      },
    ]);
    expect(html).toBe('<ul><li>Bữa trưa<ol><li>Cơm</li></ol></li><li>Bữa chiều</li></ul>');
  });

  it('applies bold, italic, underline, strikethrough and inline code', () => {
    const html = renderBlocks([
      paragraph(
        text('đậm', { bold: true }),
        text(' '),
        text('nghiêng', { italic: true }),
        text(' '),
        text('gạch chân', { underline: true }),
        text(' '),
        text('gạch ngang', { strikethrough: true }),
        text(' '),
        text('a<b', { code: true }),
      ),
    ]);
    expect(html).toBe('<p><strong>đậm</strong> <em>nghiêng</em> <u>gạch chân</u> <s>gạch ngang</s> <code>a&lt;b</code></p>');
  });

  it('renders quotes and code blocks with their content escaped', () => {
    expect(renderBlocks([{ type: 'quote', children: [text('Tất cả vì trẻ thơ')] }])).toBe('<blockquote><p>Tất cả vì trẻ thơ</p></blockquote>');
    expect(renderBlocks([{ type: 'code', children: [text('<b>x</b>')] }])).toBe('<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>');
  });

  it('renders an image with its alt text and refuses an image URL with a dangerous scheme', () => {
    const image = (url: string) => ({
      type: 'image',
      image: { url, alternativeText: 'Bé "vui" đến trường', width: 1200, height: 800 },
      children: [text('')],
    });
    const html = renderBlocks([image('https://cdn.example.vn/a.jpg')]);
    expect(html).toContain('<img src="https://cdn.example.vn/a.jpg" alt="Bé &quot;vui&quot; đến trường" width="1200" height="800"');
    expect(renderBlocks([image('javascript:alert(1)')])).toBe('');
  });

  it('ignores unknown node types and malformed input instead of throwing', () => {
    expect(renderBlocks([{ type: 'iframe', src: 'https://x' }, null, 'text', 42])).toBe('');
    expect(renderBlocks(null)).toBe('');
    expect(renderBlocks({ type: 'paragraph' })).toBe('');
    expect(renderBlocks([{ type: 'paragraph', children: 'not an array' }])).toBe('');
  });

  it('keeps line breaks typed inside a paragraph', () => {
    expect(renderBlocks([paragraph(text('Dòng 1\nDòng 2'))])).toBe('<p>Dòng 1<br>Dòng 2</p>');
  });
});

describe('blocksToText', () => {
  it('gives the plain text of paragraphs and lists, leaving headings out', () => {
    const blocks = [
      { type: 'heading', level: 2, children: [text('Sứ mệnh')] },
      paragraph(text('Chăm sóc, nuôi dưỡng'), link('/gioi-thieu', ' và giáo dục trẻ.')),
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('An toàn')] }] },
    ];
    expect(blocksToText(blocks)).toBe('Chăm sóc, nuôi dưỡng và giáo dục trẻ. An toàn');
  });

  it('cuts long text at a word boundary and marks the cut with an ellipsis', () => {
    expect(blocksToText([paragraph(text('Chăm sóc, nuôi dưỡng và giáo dục trẻ'))], 20)).toBe('Chăm sóc, nuôi…');
  });
});
