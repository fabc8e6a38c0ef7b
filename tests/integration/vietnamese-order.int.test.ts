/**
 * Lists of names come out in Vietnamese alphabetical order whatever database the CMS runs on: this file
 * runs on SQLite (byte order) and again in the PostgreSQL pass (the server's locale order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const CATEGORY = '/content-manager/collection-types/api::category.category';
const tag = Date.now().toString(36);
// Byte order would give Bản, Đời, Ẩm; Vietnamese order is Ẩm, Bản, Đời.
const names = [`Bản tin ${tag}`, `Đời sống ${tag}`, `Ẩm thực ${tag}`];
const created: string[] = [];
let leader: AdminSession;

beforeAll(async () => {
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  for (const name of names) {
    const answer = await leader.request<{ data?: { documentId: string } }>('POST', CATEGORY, { name });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    created.push(answer.body.data?.documentId ?? '');
  }
});

afterAll(async () => {
  for (const documentId of created) await leader.request('DELETE', `${CATEGORY}/${documentId}`);
});

describe('Vietnamese alphabetical order on either database', () => {
  it('lists the news categories Ẩm, Bản, Đời on /tin-tuc, not in the database’s byte or locale order', async () => {
    const url = `${testStack().siteUrl}/tin-tuc`;
    let html = '';
    await waitFor(
      async () => {
        html = await (await fetch(url)).text();
        return names.every((name) => html.includes(name));
      },
      'các chuyên mục mới hiện trên /tin-tuc',
      10_000,
      100,
    );
    const order = names.map((name) => ({ name, at: html.indexOf(name) })).sort((a, b) => a.at - b.at);
    expect(order.map((item) => item.name)).toEqual([`Ẩm thực ${tag}`, `Bản tin ${tag}`, `Đời sống ${tag}`]);
  });
});
