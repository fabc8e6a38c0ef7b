import { Box, Button, Flex, Main, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, messageOf } from '../workflow/api';

interface Delivery {
  id: number;
  kind: 'purge' | 'mail';
  status: string;
  what: string;
  target: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  doneAt: string | null;
}
interface Lists {
  failed: Delivery[];
  retrying: Delivery[];
}

const KIND_LABELS: Record<Delivery['kind'], string> = { mail: 'Thư điện tử', purge: 'Báo trang công khai cập nhật' };

/**
 * "Hàng đợi gửi": for the Tổ CNTT, the e-mails and site updates the CMS gave up sending, and those it is
 * still retrying; a failed one can be sent again (after fixing the mail server, say) or set aside.
 * The server answers this page to the Tổ CNTT and Super Admin only (cms/src/cache/deliveries.ts).
 */
export default function DeliveriesPage() {
  const { get, post } = useFetchClient();
  const [lists, setLists] = useState<Lists | null>(null);
  const [longWait, setLongWait] = useState(900);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Lists; meta: { longWaitSeconds: number } }>('/portal/deliveries');
      setLists(data.data);
      setLongWait(data.meta.longWaitSeconds);
    } catch (error) {
      setStatus({ text: messageOf(error), error: true });
    }
  }, [get]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (delivery: Delivery, action: 'retry' | 'dismiss') => {
    setBusy(delivery.id);
    try {
      const { data } = await post<{ data: { message: string } }>(`/portal/deliveries/${delivery.id}/${action}`);
      setStatus({ text: data.data.message, error: false });
      await load();
    } catch (error) {
      setStatus({ text: messageOf(error), error: true });
    } finally {
      setBusy(null);
    }
  };

  const entry = (delivery: Delivery, failed: boolean) => {
    const waitedSeconds = (Date.now() - Date.parse(delivery.createdAt)) / 1000;
    return (
      <Box tag="li" key={delivery.id} paddingBottom={4} data-delivery={delivery.id}>
        <Typography fontWeight="bold">
          {KIND_LABELS[delivery.kind]}: {delivery.what || '(không tên)'}
        </Typography>
        <Typography variant="pi" tag="p" textColor="neutral600">
          Gửi tới: {delivery.target} · {delivery.attempts} lần thử · tạo lúc {formatDateTime(delivery.createdAt)}
          {failed && delivery.doneAt ? ` · bỏ lúc ${formatDateTime(delivery.doneAt)}` : ''}
          {!failed && delivery.nextAttemptAt ? ` · thử lại lúc ${formatDateTime(delivery.nextAttemptAt)}` : ''}
          {!failed && waitedSeconds > longWait ? ' · chờ lâu' : ''}
        </Typography>
        {delivery.lastError && (
          <Typography variant="pi" tag="p" textColor="danger600">
            Lỗi gần nhất: {delivery.lastError}
          </Typography>
        )}
        {failed && (
          <Flex gap={2} paddingTop={2}>
            <Button variant="secondary" disabled={busy === delivery.id} onClick={() => void act(delivery, 'retry')}>
              Gửi lại
            </Button>
            <Button variant="tertiary" disabled={busy === delivery.id} onClick={() => void act(delivery, 'dismiss')}>
              Bỏ qua
            </Button>
          </Flex>
        )}
      </Box>
    );
  };

  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          Hàng đợi gửi
        </Typography>
        <Typography tag="p" textColor="neutral600">
          Thư điện tử và yêu cầu cập nhật trang công khai được ghi vào hàng đợi và thử lại nhiều lần, kể cả sau khi CMS khởi động lại. Những lần gửi đã bỏ cuộc
          được giữ 30 ngày và được báo cho hệ thống giám sát. Sửa nguyên nhân (ví dụ máy chủ thư) rồi bấm “Gửi lại”, hoặc “Bỏ qua” nếu không cần gửi nữa.
        </Typography>
        <Box paddingTop={4} paddingBottom={4} role="status" aria-live="polite">
          {status && <Typography textColor={status.error ? 'danger600' : 'success600'}>{status.text}</Typography>}
        </Box>
        {!lists ? (
          !status?.error && <Typography>Đang tải…</Typography>
        ) : (
          <>
            <Typography variant="beta" tag="h2">
              Gửi không được ({lists.failed.length})
            </Typography>
            {lists.failed.length === 0 ? (
              <Typography tag="p">Không có lần gửi nào thất bại trong 30 ngày.</Typography>
            ) : (
              <Box tag="ul" aria-label="Gửi không được" paddingTop={2}>
                {lists.failed.map((delivery) => entry(delivery, true))}
              </Box>
            )}
            <Box paddingTop={6}>
              <Typography variant="beta" tag="h2">
                Đang thử lại ({lists.retrying.length})
              </Typography>
            </Box>
            {lists.retrying.length === 0 ? (
              <Typography tag="p">Không có gì đang chờ gửi lại.</Typography>
            ) : (
              <Box tag="ul" aria-label="Đang thử lại" paddingTop={2}>
                {lists.retrying.map((delivery) => entry(delivery, false))}
              </Box>
            )}
          </>
        )}
      </Box>
    </Main>
  );
}
