import { vietnamFormat } from '@portal/common/vietnam-time';
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

export interface WorkflowItem {
  uid: string;
  type: string;
  documentId: string;
  title: string;
  reviewState: string;
  reviewNote: string | null;
  published: boolean;
  updatedAt: string;
  author: string | null;
  /** The page on the public site, once published (articles, activities, directives). */
  publicUrl?: string | null;
  /** A small version of the cover photo, for types that have one. */
  coverUrl?: string | null;
}

/** Loads one of the workflow admin endpoints; `reload` fetches again. */
export function useWorkflowList(path: '/workflow/queue' | '/workflow/mine') {
  const { get } = useFetchClient();
  const [items, setItems] = useState<WorkflowItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      const { data } = await get<{ data: WorkflowItem[] }>(path);
      setItems(data.data);
      setError(null);
    } catch {
      setError('Không tải được danh sách. Hãy thử tải lại trang.');
    }
  }, [get, path]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, error, reload };
}

export function messageOf(error: unknown): string {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return response?.data?.error?.message ?? 'Thao tác không thành công. Hãy thử lại.';
}

export const formatDateTime = (iso: string) => vietnamFormat({ dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

/** Told by the review panel after each step, so the menu's count follows without a page load. */
export const WORKFLOW_CHANGED = 'portal:workflow-changed';
export const announceWorkflowChange = () => window.dispatchEvent(new Event(WORKFLOW_CHANGED));

export interface ScheduleItem {
  id: number;
  targetUid: string;
  targetDocumentId: string;
  kind: 'publish' | 'unpublish';
  runAt: string;
  requestedByName: string | null;
}

/**
 * A confirmation that outlives the reload after a review step (the edit form must show the saved state):
 * kept for this tab only and shown once, in the panel of the same document.
 */
export interface Confirmation {
  key: string;
  message: string;
  link?: string | null;
}
const CONFIRMATION_KEY = 'portal-workflow-confirmation';

export function keepConfirmation(confirmation: Confirmation): void {
  window.sessionStorage.setItem(CONFIRMATION_KEY, JSON.stringify(confirmation));
}

export function takeConfirmation(key: string): Confirmation | null {
  const raw = window.sessionStorage.getItem(CONFIRMATION_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Confirmation;
    if (parsed.key !== key) return null;
    window.sessionStorage.removeItem(CONFIRMATION_KEY);
    return parsed;
  } catch {
    window.sessionStorage.removeItem(CONFIRMATION_KEY);
    return null;
  }
}
