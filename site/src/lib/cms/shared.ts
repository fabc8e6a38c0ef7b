/**
 * Data every page shows through the layout (the school profile, the active notices): read from the CMS
 * once and shared by every render until the webhook names its tag, or `ttlMs` passes (notices start and
 * end on their own schedule). When the CMS cannot be read, the last value is kept: the layout of a page
 * that loaded its own content still shows the school's name.
 */
import { subscribeToContentChanges } from '../content-events.ts';

interface Slot<T> {
  value?: { data: T; at: number };
  pending?: Promise<T>;
  /** Bumped by a purge: a read that started before it must not be kept. */
  generation: number;
}

export function sharedValue<T>(tag: string, ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  const slot: Slot<T> = { generation: 0 };
  subscribeToContentChanges((tags) => {
    if (!tags.includes(tag)) return;
    slot.generation++;
    slot.pending = undefined;
    if (slot.value) slot.value.at = Number.NEGATIVE_INFINITY;
  });
  return () => {
    const now = Date.now();
    if (slot.value && now - slot.value.at < ttlMs) return Promise.resolve(slot.value.data);
    if (slot.pending) return slot.pending;
    const generation = slot.generation;
    const pending = load().then(
      (data) => {
        if (slot.generation === generation) slot.value = { data, at: Date.now() };
        return data;
      },
      (error: unknown) => {
        if (slot.value) return slot.value.data;
        throw error;
      },
    );
    slot.pending = pending;
    const clear = (): void => {
      if (slot.pending === pending) slot.pending = undefined;
    };
    pending.then(clear, clear);
    return pending;
  };
}
