import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { readMailbox } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';

/** Plugin routes on which Strapi itself checks no permission (found by the route inventory's sweep). */

let teacher: AdminSession;
let admin: AdminSession;

beforeAll(async () => {
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  admin = await AdminSession.login('admin@mnhiephoa.test');
});

describe('routes Strapi leaves open to every signed-in account', () => {
  it('sends no e-mail as the school through the email plugin, for anyone', async () => {
    const to = `phuhuynh-${Date.now()}@example.test`;
    for (const session of [teacher, admin]) {
      const { status } = await session.request('POST', '/email/', { to, subject: 'Thông báo khẩn', html: '<a href="http://lua-dao.example/">Bấm vào đây</a>' });
      expect(status).toBe(403);
    }
    // Refused before the plugin runs: nothing was handed to the mail server.
    expect((await readMailbox(testStack().mailDir)).filter((mail) => mail.to.includes(to))).toEqual([]);
  });

  it('keeps a component’s edit layout to the Super Admin', async () => {
    const path = '/content-manager/components/menu.day/configuration';
    const before = await admin.request<{ data: { component: { metadatas: Record<string, { edit: { label: string } }> } } }>(
      'GET',
      `/content-manager/components/menu.day/configuration`,
    );
    expect(before.status).toBe(200);
    const { status, body } = await teacher.request<{ error?: { message: string } }>('PUT', path, {
      settings: {},
      metadatas: {},
      layouts: { edit: [], list: [] },
    });
    expect(status).toBe(403);
    expect(body.error?.message).toContain('Chỉ Super Admin');
    const after = await admin.request('GET', '/content-manager/components/menu.day/configuration');
    expect(after.body).toEqual(before.body);
  });

  it('keeps the language settings to the Super Admin', async () => {
    const before = await admin.request('GET', '/i18n/settings');
    expect((await teacher.request('PUT', '/i18n/settings', { aiLocalizations: true })).status).toBe(403);
    expect((await admin.request('GET', '/i18n/settings')).body).toEqual(before.body);
  });
});
