import { PUBLISHED_LABEL, REVIEW_STATES, reviewStateLabel } from '@portal/common/review-states';
import { Box, Flex, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { hasReason, mineStateLabel, useRefreshing } from '../compose/MyPosts';
import { formatStamp } from '../compose/stamp';
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

/** "Bài của tôi": the signed-in author's items with a thumbnail, state, date and the reason of a return; kept fresh. */
export function MineWidget() {
  const { items, error, reload } = useWorkflowList('/workflow/mine');
  // useWorkflowList loads once on its own; after that, refresh while the home page is open.
  useRefreshing(reload, true, false);
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!items) return <Typography variant="pi">Đang tải…</Typography>;
  if (items.length === 0) return <Typography variant="pi">Bạn chưa có bài nào.</Typography>;
  return (
    <Box tag="ul" aria-label="Danh sách bài của tôi">
      {items.slice(0, 20).map((item) => (
        <Box tag="li" key={`${item.uid}/${item.documentId}`} paddingBottom={3}>
          <Flex gap={3} alignItems="flex-start">
            {item.coverUrl ? (
              <img src={item.coverUrl} alt="" width={48} height={48} loading="lazy" style={{ objectFit: 'cover', borderRadius: 4, flex: 'none' }} />
            ) : (
              <Box width="48px" height="48px" background="neutral150" hasRadius style={{ flex: 'none' }} />
            )}
            <Box>
              <Link to={`/content-manager/collection-types/${item.uid}/${item.documentId}`}>
                <Typography fontWeight="bold">{item.title}</Typography>
              </Link>
              <Typography variant="pi" tag="p" textColor="neutral600">
                {item.type} · {mineStateLabel(item)} · <time dateTime={item.updatedAt}>{formatStamp(item.updatedAt)}</time>
              </Typography>
              {hasReason(item) && (
                <Typography variant="pi" tag="p" textColor="danger600">
                  Ghi chú của Ban giám hiệu: {item.reviewNote}
                </Typography>
              )}
            </Box>
          </Flex>
        </Box>
      ))}
    </Box>
  );
}
