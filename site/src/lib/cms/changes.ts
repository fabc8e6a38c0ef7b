import { uidOf } from '@portal/common/sections';
import { CHANGES_PATH, type ChangesPage, type SequencedChange } from '@portal/common/site-changes';
import { isRecord } from './client.ts';
import { cmsGet, invalidShape } from './http.ts';

const CHANGE = uidOf('change');

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function readChange(value: unknown): SequencedChange | null {
  if (!isRecord(value) || !isCount(value.seq) || !isStrings(value.tags) || !isStrings(value.files)) return null;
  return { seq: value.seq, tags: value.tags, files: value.files };
}

/**
 * The CMS's change sequence after `after` (null: only its head), for lib/site-changes.ts. Failures throw
 * CmsError without logging: the poll logs once per outage, not once per attempt.
 */
export async function readChanges(after: number | null): Promise<ChangesPage> {
  const { status, body } = await cmsGet(CHANGE, CHANGES_PATH, after === null ? {} : { after: String(after) }, true);
  const data = isRecord(body) ? body.data : null;
  if (!isRecord(data) || !isCount(data.head) || !(data.oldest === null || isCount(data.oldest)) || !Array.isArray(data.changes)) {
    throw invalidShape(CHANGE, status);
  }
  const changes = data.changes.map(readChange);
  if (changes.some((change) => change === null)) throw invalidShape(CHANGE, status);
  return { head: data.head, oldest: data.oldest, changes: changes as SequencedChange[], more: data.more === true };
}
