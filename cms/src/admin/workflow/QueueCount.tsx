import { Clock } from '@strapi/icons';
import { getFetchClient } from '@strapi/strapi/admin';
import { type SVGProps, useEffect, useSyncExternalStore } from 'react';
import { useLocation } from 'react-router-dom';
import { WORKFLOW_CHANGED, type WorkflowItem } from './api';

/**
 * How many items wait for the Ban giám hiệu, for the "Chờ duyệt" menu link. One count for the whole
 * admin: fetched again on navigation, after a review step and every minute, never more than once in a few
 * seconds. Strapi's menu defines its link component inside its render, so the icon is unmounted and
 * mounted again on every render of the menu; `useFetchClient` aborts a component's requests when it
 * unmounts, which cancelled every count before it arrived. The count is the admin's, not the icon's, so it
 * is fetched with a client no unmount can abort.
 */
let count: number | null = null;
let fetchedAt = 0;
let inFlight = false;
const listeners = new Set<() => void>();
const FRESH_MS = 3_000;
const POLL_MS = 60_000;
const RETRY_MS = 1_500;
const RETRIES = 5;
let failures = 0;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

async function refresh(force = false): Promise<void> {
  if (inFlight || (!force && Date.now() - fetchedAt < FRESH_MS)) return;
  inFlight = true;
  try {
    const { data } = await getFetchClient().get<{ data: WorkflowItem[] }>('/workflow/queue');
    count = data.data.length;
    failures = 0;
    fetchedAt = Date.now();
  } catch {
    count = null;
    // A count asked for while the session was still being set up fails; ask again soon, a few times.
    fetchedAt = 0;
    failures += 1;
    if (failures <= RETRIES) window.setTimeout(() => void refresh(true), RETRY_MS);
  } finally {
    inFlight = false;
    for (const listener of listeners) listener();
  }
}

export function useQueueCount(): number | null {
  const { pathname } = useLocation();
  const value = useSyncExternalStore(subscribe, () => count);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a navigation is the reason to count again.
  useEffect(() => {
    void refresh();
  }, [pathname]);
  useEffect(() => {
    const onChange = () => void refresh(true);
    window.addEventListener(WORKFLOW_CHANGED, onChange);
    const timer = window.setInterval(() => void refresh(true), POLL_MS);
    return () => {
      window.removeEventListener(WORKFLOW_CHANGED, onChange);
      window.clearInterval(timer);
    };
  }, []);
  return value;
}

/** The menu icon with the number of items waiting (the link's name stays "Chờ duyệt"). */
export function QueueMenuIcon(props: SVGProps<SVGSVGElement>) {
  const waiting = useQueueCount();
  return (
    <span style={{ position: 'relative', display: 'inline-flex' }}>
      <Clock {...props} />
      {waiting !== null && waiting > 0 && (
        <span
          data-testid="queue-count"
          title={`${waiting} mục chờ duyệt`}
          style={{
            position: 'absolute',
            top: -8,
            right: -10,
            minWidth: 18,
            height: 18,
            padding: '0 4px',
            borderRadius: 9,
            background: '#d02b20',
            color: '#fff',
            fontSize: 11,
            fontWeight: 700,
            lineHeight: '18px',
            textAlign: 'center',
          }}
        >
          {waiting > 99 ? '99+' : waiting}
        </span>
      )}
    </span>
  );
}
