import { displayName } from '@portal/common/person-name';
import { Box, Button, Flex, Main, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../workflow/api';

interface Account {
  id: number;
  firstname: string | null;
  lastname: string | null;
  email: string;
  isActive: boolean;
  roles: { id: number; code: string; name: string }[];
}

/** Roles the Tổ CNTT may manage (the server decides; this only avoids offering buttons that would be refused). */
const MANAGEABLE = ['giao-vien-nhan-vien', 'to-cntt'];

/**
 * "Tài khoản": the Tổ CNTT's everyday account work in one place — block or unblock a colleague, and
 * send a password-reset link to the colleague's own address. New accounts are created in Settings.
 */
export default function AccountsPage() {
  const { get, put, post } = useFetchClient();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [superAdmin, setSuperAdmin] = useState(false);

  const load = useCallback(async () => {
    try {
      const [{ data }, { data: me }] = await Promise.all([
        get<{ data: { results: Account[] } }>('/admin/users?pageSize=100&sort=firstname:ASC'),
        get<{ data: { roles: { code: string }[] } }>('/admin/users/me'),
      ]);
      setAccounts(data.data.results);
      setSuperAdmin(me.data.roles.some((role) => role.code === 'strapi-super-admin'));
    } catch (error) {
      setStatus({ text: messageOf(error), error: true });
    }
  }, [get]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (account: Account, work: () => Promise<string>) => {
    setBusy(account.id);
    try {
      setStatus({ text: await work(), error: false });
      await load();
    } catch (error) {
      setStatus({ text: messageOf(error), error: true });
    } finally {
      setBusy(null);
    }
  };
  const toggle = (account: Account) =>
    act(account, async () => {
      await put(`/admin/users/${account.id}`, { isActive: !account.isActive });
      return account.isActive ? `Đã khóa tài khoản ${account.email}.` : `Đã mở khóa tài khoản ${account.email}.`;
    });
  const resetLink = (account: Account) =>
    act(account, async () => (await post<{ data: { message: string } }>(`/portal/accounts/${account.id}/reset-link`)).data.data.message);

  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          Tài khoản
        </Typography>
        <Typography tag="p" textColor="neutral600">
          Tổ CNTT khóa, mở khóa tài khoản của giáo viên – nhân viên và Tổ CNTT, và gửi liên kết đặt lại mật khẩu tới e-mail của chính người đó. Chỉ Super Admin
          cấp vai trò Ban giám hiệu.
        </Typography>
        <Box paddingTop={4} paddingBottom={4} role="status" aria-live="polite">
          {status && <Typography textColor={status.error ? 'danger600' : 'success600'}>{status.text}</Typography>}
        </Box>
        {!accounts ? (
          <Typography>Đang tải…</Typography>
        ) : (
          <Box tag="ul" aria-label="Danh sách tài khoản">
            {accounts.map((account) => {
              const manageable = superAdmin || account.roles.every((role) => MANAGEABLE.includes(role.code));
              const name = displayName(account);
              return (
                <Box tag="li" key={account.id} paddingBottom={4} data-email={account.email}>
                  <Flex gap={4} wrap="wrap" alignItems="center">
                    <Box minWidth="16rem">
                      <Typography fontWeight="bold">{name}</Typography>
                      <Typography variant="pi" tag="p" textColor="neutral600">
                        {account.email} · {account.roles.map((role) => role.name).join(', ')} · {account.isActive ? 'Đang hoạt động' : 'Đã khóa'}
                      </Typography>
                    </Box>
                    {manageable ? (
                      <>
                        <Button variant={account.isActive ? 'danger-light' : 'secondary'} disabled={busy === account.id} onClick={() => void toggle(account)}>
                          {account.isActive ? 'Khóa' : 'Mở khóa'}
                        </Button>
                        <Button variant="tertiary" disabled={busy === account.id || !account.isActive} onClick={() => void resetLink(account)}>
                          Gửi liên kết đặt lại mật khẩu
                        </Button>
                      </>
                    ) : (
                      <Typography variant="pi" textColor="neutral600">
                        Chỉ Super Admin sửa được tài khoản này.
                      </Typography>
                    )}
                  </Flex>
                </Box>
              );
            })}
          </Box>
        )}
      </Box>
    </Main>
  );
}
