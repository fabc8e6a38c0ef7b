import { Badge, Box, Button, Flex, Textarea, Typography } from '@strapi/design-system';
import { useAuth, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { isReviewed, reviewStateLabel, STATES } from '../../workflow/states';
import { formatDateTime, messageOf } from './api';

interface Props {
  model: string;
  documentId?: string;
}

interface Draft {
  reviewState: string;
  reviewNote: string | null;
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

const BADGE: Record<string, { background: string; text: string }> = {
  [STATES.draft]: { background: 'neutral150', text: 'neutral700' },
  [STATES.pending]: { background: 'warning100', text: 'warning700' },
  [STATES.changesRequested]: { background: 'danger100', text: 'danger700' },
  [STATES.approved]: { background: 'success100', text: 'success700' },
  [STATES.rejected]: { background: 'danger100', text: 'danger700' },
};

function WorkflowBox({ model, documentId }: Required<Props>) {
  const { get, put, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const user = useAuth('WorkflowBox', (state) => state.user) as { id: number; roles?: { code: string }[] } | undefined;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [history, setHistory] = useState<Entry[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const base = `/content-manager/collection-types/${model}/${documentId}`;

  const load = useCallback(async () => {
    const [doc, log] = await Promise.all([
      get<{ data: Draft }>(base),
      get<{ data: Entry[] }>(`/workflow/history/${model}/${documentId}`).catch(() => ({ data: { data: [] as Entry[] } })),
    ]);
    setDraft(doc.data.data);
    setHistory(log.data.data);
  }, [get, base, model, documentId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!draft || !user) return <Typography variant="pi">Đang tải trạng thái duyệt…</Typography>;

  const roles = (user.roles ?? []).map((role) => role.code);
  const isLeadership = roles.includes('ban-giam-hieu') || roles.includes('strapi-super-admin');
  const isAuthor = draft.createdBy?.id === user.id;
  const state = draft.reviewState ?? STATES.draft;
  const open = state === STATES.pending || state === STATES.approved;

  const run = async (label: string, steps: (() => Promise<unknown>)[]) => {
    setBusy(true);
    try {
      for (const stepFn of steps) await stepFn();
      toggleNotification({ type: 'success', message: `${label}: đã xong.` });
      window.location.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: messageOf(error) });
      // An earlier step may have gone through (approved, then publishing refused): show the real state.
      await load().catch(() => undefined);
      setBusy(false);
    }
  };
  const move = (reviewState: string) => () => put(base, { reviewState, reviewNote: note.trim() || null });
  const publish = () => post(`${base}/actions/publish`, {});

  const actions = [
    (isAuthor || isLeadership) && (state === STATES.draft || state === STATES.changesRequested)
      ? { label: 'Gửi duyệt', variant: 'default' as const, steps: [move(STATES.pending)] }
      : null,
    isLeadership && state === STATES.pending ? { label: 'Duyệt', variant: 'success' as const, steps: [move(STATES.approved)] } : null,
    isLeadership && open
      ? { label: 'Duyệt và đăng', variant: 'success' as const, steps: state === STATES.approved ? [publish] : [move(STATES.approved), publish] }
      : null,
    isLeadership && open ? { label: 'Yêu cầu chỉnh sửa', variant: 'secondary' as const, steps: [move(STATES.changesRequested)], note: true } : null,
    isLeadership && open ? { label: 'Không duyệt', variant: 'danger-light' as const, steps: [move(STATES.rejected)], note: true } : null,
  ].filter((action): action is NonNullable<typeof action> => action !== null);

  const colours = BADGE[state] ?? BADGE[STATES.draft]!;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Flex gap={2} alignItems="center">
        <Typography variant="sigma">Trạng thái</Typography>
        <Badge backgroundColor={colours.background} textColor={colours.text}>
          {reviewStateLabel(state)}
        </Badge>
      </Flex>
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
              variant={action.variant}
              loading={busy}
              disabled={busy || (action.note === true && note.trim() === '')}
              onClick={() => void run(action.label, action.steps)}
            >
              {action.label}
            </Button>
          ))}
        </>
      )}
      {history.length > 0 && (
        <Box>
          <Typography variant="sigma">Lịch sử duyệt</Typography>
          <Box tag="ol" paddingTop={2}>
            {history.map((entry) => (
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
  if (!isReviewed(model) || !documentId) return null;
  return { title: 'Duyệt nội dung', content: <WorkflowBox model={model} documentId={documentId} /> };
};
