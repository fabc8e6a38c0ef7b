import { blocksToText } from '../blocks.ts';

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The summary to print as the lead above an item's body, or null when the body already begins with
 * it: a post sent from Gửi bài has a summary cut from its own first sentences, and a reader must not
 * read the same words twice. A summary cut mid-sentence ("…") counts as the body's beginning too.
 */
export function leadOf(summary: string | null | undefined, body: unknown): string | null {
  const lead = flat(summary ?? '');
  if (!lead) return null;
  const start = lead.replace(/\s*(…|\.\.\.)$/, '');
  return flat(blocksToText(body)).startsWith(start) ? null : lead;
}
