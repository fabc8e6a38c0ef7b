/**
 * What lists, feeds and search show of an announcement. Staff may leave the summary empty (a notice of
 * three lines needs none): the first words of the body stand in, so no list shows the text twice.
 */
import { blocksToText } from './blocks.ts';

export const SUMMARY_LENGTH = 200;

export function announcementSummary(item: { summary?: string | null; body?: unknown }, maxLength = SUMMARY_LENGTH): string {
  const own = item.summary?.trim();
  return own || blocksToText(item.body, maxLength);
}
