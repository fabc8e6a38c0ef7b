import { PUBLISHED_LABEL, REVIEW_STATES, reviewStateLabel } from '@portal/common/review-states';
import { Box, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { formatDateTime, useWorkflowList, type WorkflowItem } from './api';

function ItemList({ items, empty, showAuthor, label }: { items: WorkflowItem[] | null; empty: string; showAuthor: boolean; label: string }) {
  if (!items) return <Typography variant="pi">Đang tải…</Typography>;
  if (items.length === 0) return <Typography variant="pi">{empty}</Typography>;
  return (
    <Box tag="ul" aria-label={label}>
      {items.slice(0, 20).map((item) => (
        <Box tag="li" key={`${item.uid}/${item.documentId}`} paddingBottom={2}>
          <Link to={`/content-manager/collection-types/${item.uid}/${item.documentId}`}>
            <Typography fontWeight="bold">{item.title}</Typography>
          </Link>
          <Typography variant="pi" tag="p" textColor="neutral600">
            {item.type} · {item.published && item.reviewState === REVIEW_STATES.approved ? PUBLISHED_LABEL : reviewStateLabel(item.reviewState)}
            {showAuthor && item.author ? ` · ${item.author}` : ''} · {formatDateTime(item.updatedAt)}
          </Typography>
          {item.reviewNote && item.reviewState === REVIEW_STATES.changesRequested && (
            <Typography variant="pi" tag="p" textColor="danger600">
              Ghi chú: {item.reviewNote}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}

/** "Chờ duyệt": what waits for the Ban giám hiệu, oldest first. */
export function QueueWidget() {
  const { items, error } = useWorkflowList('/workflow/queue');
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  return (
    <>
      {items && items.length > 0 && (
        <Typography variant="omega" fontWeight="bold" tag="p" paddingBottom={2} data-testid="queue-total">
          {items.length} mục chờ duyệt
        </Typography>
      )}
      <ItemList items={items} empty="Không có mục nào đang chờ duyệt." showAuthor label="Danh sách chờ duyệt" />
    </>
  );
}

/** "Bài của tôi": the signed-in author's items with their states and the reviewer's notes. */
export function MineWidget() {
  const { items, error } = useWorkflowList('/workflow/mine');
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  return <ItemList items={items} empty="Bạn chưa có bài nào." showAuthor={false} label="Danh sách bài của tôi" />;
}
