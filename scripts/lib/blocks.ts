/** The seed files write rich text as plain strings and small objects; Strapi stores it as blocks. */
export type Block = string | { heading: string; level?: number } | { list: string[]; ordered?: boolean };

function text(value: string) {
  return [{ type: 'text', text: value }];
}

export function toBlocks(blocks: Block[]): unknown[] {
  return blocks.map((block) => {
    if (typeof block === 'string') return { type: 'paragraph', children: text(block) };
    if ('heading' in block) return { type: 'heading', level: block.level ?? 2, children: text(block.heading) };
    return {
      type: 'list',
      format: block.ordered ? 'ordered' : 'unordered',
      children: block.list.map((item) => ({ type: 'list-item', children: text(item) })),
    };
  });
}
