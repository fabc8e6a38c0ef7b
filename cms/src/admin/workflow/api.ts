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
