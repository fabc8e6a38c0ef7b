import { DUTY_STATUS_LABELS, type DutyKind, type DutyStatus, dayText } from '@portal/common/disclosure-deadlines';
import { uidOf } from '@portal/common/sections';
import { vietnamFormat } from '@portal/common/vietnam-time';
import { Box, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';

interface DutyState {
  key: string;
  kind: DutyKind;
  /** For a change: the disclosure's documentId. */
  subject: string;
  title: string;
  dueOn: string;
  publishedAt: string | null;
  status: DutyStatus;
}

// What needs doing first: overdue, then due soon, then what was done (late, on time), then what is not yet due.
const ORDER: DutyStatus[] = ['overdue', 'due-soon', 'late', 'on-time', 'upcoming'];
const COLOUR: Record<DutyStatus, string> = {
  overdue: 'danger600',
  'due-soon': 'warning600',
  late: 'warning600',
  'on-time': 'success600',
  upcoming: 'neutral600',
};
const shownDate = (iso: string) => vietnamFormat({ day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));

/**
 * "Việc cần công khai": the disclosure duties of Thông tư 09/2024 around today, with their deadlines. A change
 * to a disclosure (to publish within 10 working days) opens its document.
 */
export function DutiesWidget() {
  const { get } = useFetchClient();
  const [duties, setDuties] = useState<DutyState[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ data: DutyState[] }>('/workflow/disclosure-duties')
      .then(({ data }) => setDuties(data.data))
      .catch(() => setError('Không tải được danh sách việc cần công khai. Hãy thử tải lại trang.'));
  }, [get]);
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!duties) return <Typography variant="pi">Đang tải…</Typography>;
  return (
    <>
      {ORDER.map((status) => {
        const items = duties.filter((d) => d.status === status);
        if (items.length === 0) return null;
        return (
          <Box key={status} paddingBottom={3}>
            <Typography variant="omega" fontWeight="bold" tag="h3" textColor={COLOUR[status]}>
              {DUTY_STATUS_LABELS[status]} ({items.length})
            </Typography>
            <Box tag="ul" aria-label={DUTY_STATUS_LABELS[status]}>
              {items.map((d) => (
                <Box tag="li" key={d.key} paddingTop={1}>
                  {d.kind === 'change' ? (
                    <Link to={`/content-manager/collection-types/${uidOf('disclosure')}/${d.subject}`}>
                      <Typography>{d.title}</Typography>
                    </Link>
                  ) : (
                    <Typography>{d.title}</Typography>
                  )}
                  <Typography variant="pi" tag="p" textColor="neutral600">
                    Hạn: {dayText(d.dueOn)}
                    {d.kind === 'change' ? ' (10 ngày làm việc)' : ''}
                    {d.publishedAt ? ` · Công khai: ${shownDate(d.publishedAt)}` : ''}
                  </Typography>
                </Box>
              ))}
            </Box>
          </Box>
        );
      })}
    </>
  );
}
