import { Box, Button, Checkbox, Field, Flex, Modal, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { type CSSProperties, useCallback, useEffect, useState } from 'react';
import { isReviewed } from '../../workflow/states';
import { formatDateTime, messageOf } from './api';

interface Version {
  version: number;
  at: string;
  actorName: string;
  actorRole: string | null;
  action: string;
  reviewStateLabel: string;
  published: boolean;
  title: string | null;
}

interface Segment {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

interface FieldDiff {
  field: string;
  label: string;
  changed: boolean;
  before: Segment[];
  after: Segment[];
}

interface Comparison {
  older: Version | null;
  newer: Version;
  fields: FieldDiff[];
}

const describe = (v: Version) =>
  `Phiên bản ${v.version} · ${v.action}${v.published ? ' (đăng)' : ''} · ${v.actorName} · ${formatDateTime(v.at)} · ${v.reviewStateLabel || '—'}`;

// Colour is not the only cue: removed text is struck through, added text underlined (and read as such by <del>/<ins>).
const REMOVED: CSSProperties = { background: '#fde2e1', color: '#8a1c17', textDecoration: 'line-through' };
const ADDED: CSSProperties = { background: '#dcf5e3', color: '#17592c', textDecoration: 'underline' };
const CELL: CSSProperties = { whiteSpace: 'pre-wrap', verticalAlign: 'top', padding: '8px', borderTop: '1px solid #dcdce4', width: '42%' };

function Text({ segments }: { segments: Segment[] }) {
  if (segments.length === 0) return <em>(trống)</em>;
  return (
    <>
      {segments.map((segment, index) => {
        const key = `${index}-${segment.kind}`;
        if (segment.kind === 'removed')
          return (
            <del key={key} style={REMOVED}>
              {segment.text}
            </del>
          );
        if (segment.kind === 'added')
          return (
            <ins key={key} style={ADDED}>
              {segment.text}
            </ins>
          );
        return <span key={key}>{segment.text}</span>;
      })}
    </>
  );
}

/** The versions of one item: pick one, read what changed from the version before it, restore it. */
export function VersionsBox({ model, documentId }: { model: string; documentId: string }) {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const base = `/workflow/versions/${model}/${documentId}`;
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<{ data: Version[] }>(base)
      .then(({ data }) => {
        setVersions(data.data);
        setSelected(data.data[0]?.version ?? null);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  }, [get, base]);

  useEffect(() => {
    if (selected === null) return;
    setComparison(null);
    get<{ data: Comparison }>(`${base}/${selected}`)
      .then(({ data }) => setComparison(data.data))
      .catch((e: unknown) => setError(messageOf(e)));
  }, [get, base, selected]);

  const restore = useCallback(async () => {
    if (selected === null) return;
    setBusy(true);
    try {
      await post(`${base}/${selected}/restore`, {});
      toggleNotification({ type: 'success', message: `Đã khôi phục phiên bản ${selected} thành bản nháp mới. Hãy gửi duyệt lại.` });
      window.location.reload();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }, [post, base, selected, toggleNotification]);

  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!versions) return <Typography>Đang tải các phiên bản…</Typography>;
  if (versions.length === 0) return <Typography>Mục này chưa có phiên bản nào được lưu.</Typography>;
  const fields = (comparison?.fields ?? []).filter((field) => showAll || field.changed);
  const latest = versions[0]?.version;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Field.Root name="phien-ban">
        <Field.Label>Phiên bản</Field.Label>
        <SingleSelect value={selected ?? undefined} onChange={(value: string | number) => setSelected(Number(value))}>
          {versions.map((v) => (
            <SingleSelectOption key={v.version} value={v.version}>
              {describe(v)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {comparison && (
        <Box>
          <Typography tag="p" variant="omega">
            {comparison.older
              ? `So với phiên bản ${comparison.older.version} (${comparison.older.action}, ${formatDateTime(comparison.older.at)})`
              : 'Phiên bản đầu tiên'}
            {` — ${comparison.fields.filter((f) => f.changed).length} trường thay đổi.`}
          </Typography>
          <Box paddingTop={2} paddingBottom={2}>
            <Checkbox checked={showAll} onCheckedChange={(value: boolean) => setShowAll(value === true)}>
              Hiện cả các trường không đổi
            </Checkbox>
          </Box>
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <caption style={{ textAlign: 'left', paddingBottom: 8 }}>
              Bên trái: phiên bản trước (phần bị bỏ gạch ngang). Bên phải: phiên bản {comparison.newer.version} (phần thêm gạch chân).
            </caption>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: 'left', padding: 8 }}>
                  Trường
                </th>
                <th scope="col" style={{ textAlign: 'left', padding: 8 }}>
                  {comparison.older ? `Phiên bản ${comparison.older.version}` : 'Trước đó'}
                </th>
                <th scope="col" style={{ textAlign: 'left', padding: 8 }}>
                  Phiên bản {comparison.newer.version}
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => (
                <tr key={field.field}>
                  <th scope="row" style={{ ...CELL, width: '16%', textAlign: 'left' }}>
                    {field.label}
                  </th>
                  <td style={CELL}>
                    <Text segments={field.before} />
                  </td>
                  <td style={CELL}>
                    <Text segments={field.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {fields.length === 0 && <Typography tag="p">Không có trường nào thay đổi ở phiên bản này (chỉ đổi bước duyệt).</Typography>}
        </Box>
      )}
      {selected !== null && selected !== latest && (
        <Box>
          <Typography tag="p" variant="pi" textColor="neutral600">
            Khôi phục đặt nội dung của phiên bản {selected} vào bản nháp, ở trạng thái Nháp; bản đang đăng (nếu có) vẫn giữ nguyên cho đến khi bản nháp được
            duyệt và đăng lại.
          </Typography>
          <Box paddingTop={2}>
            <Button onClick={() => void restore()} loading={busy} disabled={busy} variant="secondary">
              Khôi phục phiên bản {selected}
            </Button>
          </Box>
        </Box>
      )}
    </Flex>
  );
}

interface ActionProps {
  model: string;
  documentId?: string;
}

/** "Phiên bản" in the edit view's menu, on desktop and phone, for every reviewed type. */
export const VersionsAction = ({ model, documentId }: ActionProps) => {
  if (!isReviewed(model) || !documentId) return null;
  return {
    label: 'Các phiên bản',
    position: 'header',
    dialog: {
      type: 'modal',
      title: 'Các phiên bản đã lưu',
      content: (
        <Modal.Body>
          <VersionsBox model={model} documentId={documentId} />
        </Modal.Body>
      ),
    },
  };
};
VersionsAction.type = 'portal-versions';
VersionsAction.position = 'header';
