import { publicPath } from '@portal/common/sections';
import { Badge, Box, Button, Field, Flex, Link, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useAuth, useFetchClient, useIsDesktop, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { isReviewed, reviewStateLabel, STATES } from '../../workflow/states';
import { combinedStatus, formatScheduleTime, type PublicationStatus, parseVietnamLocal, type StatusTone, toVietnamLocal } from '../../workflow/status';
import { announceWorkflowChange, type Confirmation, formatDateTime, keepConfirmation, messageOf, type ScheduleItem, takeConfirmation } from './api';

interface Props {
  model: string;
  documentId?: string;
}

interface Draft {
  reviewState: string;
  reviewNote: string | null;
  slug?: string | null;
  status?: PublicationStatus;
  createdBy?: { id: number } | null;
}

interface Entry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  note: string | null;
}

export const TONE_COLOURS: Record<StatusTone, { background: string; text: string }> = {
  neutral: { background: 'neutral150', text: 'neutral700' },
  warning: { background: 'warning100', text: 'warning700' },
  danger: { background: 'danger100', text: 'danger700' },
  success: { background: 'success100', text: 'success700' },
  primary: { background: 'primary100', text: 'primary700' },
};

interface Action {
  label: string;
  variant: 'default' | 'success' | 'secondary' | 'danger-light' | 'tertiary';
  steps: (() => Promise<unknown>)[];
  /** What the panel says once it is done; `link` adds "Xem trên trang". */
  done: string;
  link?: boolean;
  note?: boolean;
}

/** On a phone the panel opens from its own button (./actions.tsx), which also shows the confirmation. */
export function WorkflowBox({ model, documentId, inline = true }: Required<Props> & { inline?: boolean }) {
  const { get, put, post, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const user = useAuth('WorkflowBox', (state) => state.user) as { id: number; roles?: { code: string }[] } | undefined;
  const key = `${model}/${documentId}`;
  const [confirmation] = useState<Confirmation | null>(() => (inline ? takeConfirmation(key) : null));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [history, setHistory] = useState<Entry[]>([]);
  const [schedules, setSchedules] = useState<ScheduleItem[]>([]);
  const [siteUrl, setSiteUrl] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [publishAt, setPublishAt] = useState('');
  const [unpublishAt, setUnpublishAt] = useState('');
  const base = `/content-manager/collection-types/${model}/${documentId}`;
  const roles = (user?.roles ?? []).map((role) => role.code);
  const isLeadership = roles.includes('ban-giam-hieu') || roles.includes('strapi-super-admin');

  const load = useCallback(async () => {
    const [doc, log, plan, options] = await Promise.all([
      get<{ data: Draft }>(base),
      get<{ data: Entry[] }>(`/workflow/history/${model}/${documentId}`).catch(() => ({ data: { data: [] as Entry[] } })),
      isLeadership
        ? get<{ data: ScheduleItem[] }>(`/workflow/schedules?uid=${encodeURIComponent(model)}&documentId=${encodeURIComponent(documentId)}`).catch(() => ({
            data: { data: [] as ScheduleItem[] },
          }))
        : Promise.resolve({ data: { data: [] as ScheduleItem[] } }),
      get<{ data: { siteUrl: string } }>('/workflow/compose-options').catch(() => null),
    ]);
    setDraft(doc.data.data);
    setHistory(log.data.data);
    setSchedules(plan.data.data);
    setSiteUrl(options?.data.data.siteUrl ?? null);
  }, [get, base, model, documentId, isLeadership]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!draft || !user) return <Typography variant="pi">Đang tải trạng thái duyệt…</Typography>;

  const isAuthor = draft.createdBy?.id === user.id;
  const state = draft.reviewState ?? STATES.draft;
  const online = draft.status === 'published' || draft.status === 'modified';
  // Nothing left to publish once the approved version is online as it stands.
  const publishable = state === STATES.pending || (state === STATES.approved && draft.status !== 'published');
  const open = state === STATES.pending || state === STATES.approved;
  const pagePath = publicPath(model, draft.slug);
  const pageUrl = siteUrl && pagePath ? `${siteUrl}${pagePath}` : null;
  const publishStep = schedules.find((item) => item.kind === 'publish');
  const unpublishStep = schedules.find((item) => item.kind === 'unpublish');
  const status = combinedStatus(state, draft.status ?? 'draft', publishStep?.runAt);

  const finish = (message: string, link: boolean) => {
    keepConfirmation({ key, message, link: link ? pageUrl : null });
    announceWorkflowChange();
    // The edit form above shows the document as loaded: a reload shows what the step saved.
    window.location.reload();
  };
  const run = async (action: Pick<Action, 'steps' | 'done' | 'link'>) => {
    setBusy(true);
    try {
      for (const stepFn of action.steps) await stepFn();
      finish(action.done, action.link === true);
    } catch (error) {
      toggleNotification({ type: 'danger', message: messageOf(error) });
      // An earlier step may have gone through (approved, then publishing refused): show the real state.
      await load().catch(() => undefined);
      setBusy(false);
    }
  };
  const move = (reviewState: string) => () => put(base, { reviewState, reviewNote: note.trim() || null });
  const publish = () => post(`${base}/actions/publish`, {});

  const actions: Action[] = [];
  if ((isAuthor || isLeadership) && (state === STATES.draft || state === STATES.changesRequested)) {
    actions.push({ label: 'Gửi duyệt', variant: 'default', steps: [move(STATES.pending)], done: 'Đã gửi duyệt. Ban giám hiệu đã được báo qua thư.' });
  }
  if (isLeadership && publishable) {
    // The primary action of an item under review: approve and put online in one step.
    actions.push({
      label: 'Duyệt và đăng',
      variant: 'success',
      steps: state === STATES.approved ? [publish] : [move(STATES.approved), publish],
      done: 'Đã duyệt và đăng lên cổng thông tin.',
      link: true,
    });
  }
  if (isLeadership && state === STATES.pending) {
    actions.push({ label: 'Duyệt', variant: 'secondary', steps: [move(STATES.approved)], done: 'Đã duyệt. Mục chưa được đăng.' });
  }
  if (isLeadership && open) {
    actions.push({
      label: 'Yêu cầu chỉnh sửa',
      variant: 'secondary',
      steps: [move(STATES.changesRequested)],
      done: 'Đã gửi yêu cầu chỉnh sửa; tác giả đã được báo qua thư.',
      note: true,
    });
    actions.push({
      label: 'Không duyệt',
      variant: 'danger-light',
      steps: [move(STATES.rejected)],
      done: 'Đã ghi "Không duyệt"; tác giả đã được báo qua thư.',
      note: true,
    });
  }

  const schedule = () => {
    const at = parseVietnamLocal(publishAt);
    const until = unpublishAt ? parseVietnamLocal(unpublishAt) : null;
    if (!at || (unpublishAt && !until)) {
      toggleNotification({ type: 'danger', message: 'Hãy chọn đủ ngày và giờ.' });
      return;
    }
    void run({
      steps: [() => post('/workflow/schedules', { uid: model, documentId, publishAt: at.toISOString(), unpublishAt: until ? until.toISOString() : null })],
      done: `Đã duyệt và hẹn đăng lúc ${formatScheduleTime(at)}${until ? `; gỡ lúc ${formatScheduleTime(until)}` : ''}.`,
    });
  };
  const cancel = (item: ScheduleItem) =>
    void run({ steps: [() => del(`/workflow/schedules/${item.id}`)], done: item.kind === 'publish' ? 'Đã hủy lịch đăng.' : 'Đã hủy lịch gỡ.' });

  const colours = TONE_COLOURS[status.tone];
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Flex gap={2} alignItems="center" wrap="wrap">
        <Typography variant="sigma">Trạng thái</Typography>
        <Badge backgroundColor={colours.background} textColor={colours.text} data-testid="workflow-status">
          {status.label}
        </Badge>
      </Flex>
      {confirmation && (
        <Box background="success100" borderColor="success200" padding={3} hasRadius role="status">
          <Typography tag="p" textColor="success700" fontWeight="bold">
            {confirmation.message}
          </Typography>
          {confirmation.link && (
            <Link href={confirmation.link} isExternal>
              Xem trên trang
            </Link>
          )}
        </Box>
      )}
      {online && pageUrl && !confirmation?.link && (
        <Link href={pageUrl} isExternal>
          Xem trên trang
        </Link>
      )}
      {[publishStep, unpublishStep].map(
        (item) =>
          item && (
            <Flex key={item.id} gap={2} alignItems="center" justifyContent="space-between" wrap="wrap">
              <Typography variant="pi">
                {item.kind === 'publish' ? 'Hẹn đăng lúc' : 'Hẹn gỡ lúc'} <strong>{formatScheduleTime(item.runAt)}</strong>
              </Typography>
              <Button size="S" variant="tertiary" disabled={busy} onClick={() => cancel(item)}>
                {item.kind === 'publish' ? 'Hủy lịch đăng' : 'Hủy lịch gỡ'}
              </Button>
            </Flex>
          ),
      )}
      {draft.reviewNote && (
        <Box background="neutral100" padding={2} hasRadius>
          <Typography variant="pi" fontWeight="bold">
            Ghi chú gần nhất
          </Typography>
          <Typography tag="p" variant="pi">
            {draft.reviewNote}
          </Typography>
        </Box>
      )}
      {actions.length > 0 && (
        <>
          <Textarea
            name="reviewNote"
            aria-label="Ghi chú gửi kèm"
            placeholder={isLeadership ? 'Ghi chú cho tác giả (bắt buộc khi yêu cầu chỉnh sửa hoặc không duyệt)' : 'Lời nhắn cho Ban giám hiệu (không bắt buộc)'}
            value={note}
            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setNote(event.target.value)}
          />
          <Typography variant="pi" textColor="neutral600">
            Hãy lưu các thay đổi trước khi gửi duyệt hoặc duyệt.
          </Typography>
          {actions.map((action) => (
            <Button
              key={action.label}
              fullWidth
              size="L"
              variant={action.variant}
              loading={busy}
              disabled={busy || (action.note === true && note.trim() === '')}
              onClick={() => void run(action)}
            >
              {action.label}
            </Button>
          ))}
        </>
      )}
      {isLeadership && publishable && (
        <Box>
          {!planning ? (
            <Button
              fullWidth
              size="L"
              variant="tertiary"
              disabled={busy}
              onClick={() => {
                setPublishAt(toVietnamLocal(new Date(Date.now() + 3_600_000)));
                setPlanning(true);
              }}
            >
              Duyệt và hẹn giờ đăng
            </Button>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={2} background="neutral100" padding={3} hasRadius>
              <Field.Root name="publishAt" hint="Giờ Việt Nam">
                <Field.Label>Đăng lúc</Field.Label>
                <TextInput
                  type="datetime-local"
                  min={toVietnamLocal(new Date())}
                  value={publishAt}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => setPublishAt(event.target.value)}
                />
                <Field.Hint />
              </Field.Root>
              <Field.Root name="unpublishAt" hint="Không bắt buộc; hợp với thông báo có thời hạn">
                <Field.Label>Gỡ lúc</Field.Label>
                <TextInput
                  type="datetime-local"
                  min={publishAt}
                  value={unpublishAt}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => setUnpublishAt(event.target.value)}
                />
                <Field.Hint />
              </Field.Root>
              <Button fullWidth size="L" variant="success" loading={busy} disabled={busy || !publishAt} onClick={schedule}>
                Duyệt và hẹn giờ
              </Button>
              <Button fullWidth variant="tertiary" disabled={busy} onClick={() => setPlanning(false)}>
                Thôi
              </Button>
            </Flex>
          )}
        </Box>
      )}
      {history.length > 0 && (
        <Box>
          <Typography variant="sigma">Lịch sử duyệt</Typography>
          <Box tag="ol" paddingTop={2}>
            {[...history].reverse().map((entry) => (
              <Box tag="li" key={entry.id} paddingBottom={2}>
                <Typography variant="pi" tag="p">
                  <strong>{entry.action}</strong>
                  {entry.toState ? ` → ${reviewStateLabel(entry.toState)}` : ''} · {entry.actorName} · {formatDateTime(entry.at)}
                </Typography>
                {entry.note && (
                  <Typography variant="pi" tag="p" textColor="neutral600">
                    “{entry.note}”
                  </Typography>
                )}
              </Box>
            ))}
          </Box>
        </Box>
      )}
    </Flex>
  );
}

/** Side panel of the edit view: the review state, the notes, and only the actions this user may take. */
export const WorkflowPanel = ({ model, documentId }: Props) => {
  const isDesktop = useIsDesktop();
  // On a phone the drawer would hide it behind an icon-only toggle: see ./actions.tsx.
  if (!isDesktop || !isReviewed(model) || !documentId) return null;
  return { title: 'Duyệt nội dung', content: <WorkflowBox model={model} documentId={documentId} /> };
};
