import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkSignedRequest } from '@portal/common/signed-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { queryFile } from '../helpers/db-snapshot.ts';
import { copySharedDatabase, OwnCms } from '../helpers/own-cms.ts';
import { freePort, stackOptions } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

interface Delivery {
  id: number;
  status: string;
  attempts: number;
  what: string;
  payload: string;
}

describe('purge requests that the site could not take', () => {
  // A CMS of its own on a copy of the shared database, purging a "site" this test controls.
  const workDir = mkdtempSync(path.join(tmpdir(), 'portal-outbox-'));
  let cmsUrl = '';
  let purgePort = 0;
  let options: ReturnType<typeof stackOptions>;
  let receiver: Server | null = null;
  const received: { body: string; check: string }[] = [];
  const cms = new OwnCms(
    () => options,
    () => cmsUrl,
    path.join(workDir, 'cms.log'),
  );
  const deliveries = () => queryFile<Delivery>(path.join(workDir, 'data.db'), 'SELECT id, status, attempts, what, payload FROM deliveries ORDER BY id');

  beforeAll(async () => {
    await copySharedDatabase(workDir);
    const cmsPort = await freePort();
    purgePort = await freePort();
    options = stackOptions(workDir, cmsPort, await freePort());
    options.extraEnv = { ...options.extraEnv, SITE_PURGE_URLS: `http://127.0.0.1:${purgePort}/api/cache/purge`, OUTBOX_INTERVAL_MS: '300' };
    cmsUrl = `http://127.0.0.1:${cmsPort}`;
    await cms.start();
  }, 180_000);

  afterAll(async () => {
    await cms.stop();
    receiver?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('keeps a purge through a kill -9 of the CMS and delivers it, signed, once the site answers after the restart', async () => {
    const leader = await cms.signIn('hieutruong@mnhiephoa.test');
    const name = `Nhóm tin ${Date.now()}`;
    const created = await cms.call<{ data?: { documentId: string } }>(leader, 'POST', '/content-manager/collection-types/api::category.category', { name });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const documentId = created.body.data!.documentId;
    const ours = () => deliveries().filter((row) => row.payload.includes(`doc:${documentId}`));

    // Nothing listens on the purge address: the first attempt fails and the row waits for its retry.
    await waitFor(() => ours().some((row) => row.status === 'waiting' && row.attempts >= 1), 'yêu cầu xóa bộ nhớ đệm chờ thử lại', 30_000, 100);
    await cms.kill();
    expect(ours().every((row) => row.status !== 'done')).toBe(true);

    const secret = ensureEnvFiles().cms.WEBHOOK_SECRET ?? '';
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ body, check: checkSignedRequest(secret, request.headers, body) });
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(purgePort, '127.0.0.1', resolve));
    await cms.start();

    await waitFor(
      () => received.some((request) => request.body.includes(`doc:${documentId}`)),
      'trang nhận được yêu cầu sau khi CMS khởi động lại',
      30_000,
      100,
    );
    const delivered = received.find((request) => request.body.includes(`doc:${documentId}`))!;
    expect(delivered.check).toBe('ok');
    expect(JSON.parse(delivered.body).tags).toEqual(expect.arrayContaining(['category', `doc:${documentId}`]));
    await waitFor(() => ours().length > 0 && ours().every((row) => row.status === 'done'), 'hàng đợi ghi đã gửi', 10_000, 100);
    expect(ours()[0]!.attempts).toBeGreaterThanOrEqual(2);
  }, 240_000);
});
