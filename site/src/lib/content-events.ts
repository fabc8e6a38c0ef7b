/**
 * In-process subscribers to "content changed" (the CMS webhook): caches other than the route cache,
 * such as the search index, register here instead of the webhook endpoint knowing them all.
 */
type Listener = (tags: string[]) => void;
const listeners = new Set<Listener>();

export function subscribeToContentChanges(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function onContentChange(tags: string[]): void {
  for (const listener of listeners) {
    try {
      listener(tags);
    } catch (error) {
      console.error('[content-events] listener failed:', error);
    }
  }
}
