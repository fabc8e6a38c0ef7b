import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/lib/stack.ts';
import { readBody } from '../helpers/admin.ts';
import { backupCli } from '../helpers/backup.ts';
import { colourPhoto, type UploadedPhoto } from '../helpers/fixtures.ts';
import { copySharedDatabase } from '../helpers/own-cms.ts';
import { type S3Server, startS3Server } from '../helpers/s3-server.ts';
import { freePort, stackOptions, TEST_PASSWORD, testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const BUCKET = 'mnhh-media';
const PREFIX = 'truong';
const CM = '/content-manager/collection-types/api::article.article';
const PASSPHRASE = 'kiem-thu-bucket-sao-luu-2026';

describe('uploads in an S3-compatible bucket', () => {
  // A portal of its own (CMS on a copy of the shared database, and a site) with UPLOAD_PROVIDER=s3,
  // on a real S3-protocol server (s3rver) in its own process.
  const workDir = mkdtempSync(path.join(tmpdir(), 'portal-s3-'));
  let s3: S3Server;
  let stack: Stack | undefined;
  let options: ReturnType<typeof stackOptions>;
  let token = '';

  const cms = async <T>(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const form = body instanceof FormData;
    const response = await fetch(`${stack!.cmsUrl}${pathname}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined || form ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: response.status, body: (await readBody(response)) as T };
  };

  const upload = (bytes: Buffer, name: string, type: string) => {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(bytes)], { type }), name);
    form.append('fileInfo', JSON.stringify({ name, alternativeText: `Ảnh thử bucket ${name}` }));
    return cms<UploadedPhoto[] & { error?: { message: string } }>('POST', '/upload', form);
  };

  const keysOf = async (hash: string) => (await s3.keys()).filter((key) => key.includes(hash));
  const localUploads = () => (existsSync(path.join(workDir, 'public', 'uploads')) ? readdirSync(path.join(workDir, 'public', 'uploads')) : []);

  beforeAll(async () => {
    mkdirSync(path.join(workDir, 's3'));
    s3 = await startS3Server(path.join(workDir, 's3'), BUCKET, PREFIX);
    await copySharedDatabase(workDir);
    options = stackOptions(workDir, await freePort(), await freePort());
    // No MEDIA_SOURCE_URL: the site gets the bucket's base from the CMS's settings (scripts/lib/stack.ts).
    options.extraEnv = { ...options.extraEnv, ...s3.env };
    stack = await startStack(options);
    const login = await fetch(`${stack.cmsUrl}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'hieutruong@mnhiephoa.test', password: TEST_PASSWORD }),
    });
    token = ((await login.json()) as { data: { token: string } }).data.token;
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await s3?.stop();
    if (!process.env.KEEP_TEST_DATA) rmSync(workDir, { recursive: true, force: true });
  });

  let photo: UploadedPhoto;
  let original: Buffer;
  let documentId = '';
  /** A demo photo kept on the CMS's disk (uploaded "before the move"): backups keep it beside the bucket's. */
  let diskPhoto = '';

  it('stores an uploaded photo and its sizes in the bucket, not on disk, at the bucket’s public URL', async () => {
    original = await colourPhoto('#27ae60', 900, 600, 'jpeg');
    const answer = await upload(original, `bucket-${Date.now()}.jpg`, 'image/jpeg');
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    photo = answer.body[0]!;
    const name = `${photo.hash}.jpg`;
    expect(photo.url).toBe(`${s3.url}/${BUCKET}/${PREFIX}/${name}`);
    expect(await s3.bytes(`${PREFIX}/${name}`)).toEqual(original);
    // Strapi's smaller sizes go to the bucket too, under the same prefix.
    expect(await keysOf(photo.hash)).toEqual([`${PREFIX}/${name}`, `${PREFIX}/small_${name}`, `${PREFIX}/thumbnail_${name}`].sort());
    expect(localUploads()).toEqual([]);
    // Anyone can read it at that URL, as the admin's media library does.
    const direct = await fetch(photo.url);
    expect(direct.status).toBe(200);
    expect(direct.headers.get('content-type')).toBe('image/jpeg');
  });

  it('lets the admin panel show images from the bucket (content security policy)', async () => {
    const response = await fetch(`${stack!.cmsUrl}/admin`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(new RegExp(`img-src [^;]*${s3.url.replace(/[.:/]/g, '\\$&')}`));
  });

  it('serves a resized copy of the bucket’s photo on the site once published content shows it', async () => {
    const name = `${photo.hash}.jpg`;
    // Only in the media library: the site refuses it.
    expect((await fetch(`${stack!.siteUrl}/anh/480/webp/${name}`, { redirect: 'manual' })).status).toBe(404);
    const created = await cms<{ data?: { documentId: string } }>('POST', CM, {
      title: `Ảnh trong bucket ${Date.now()}`,
      summary: 'Tóm tắt thử ảnh trong bucket.',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung thử.' }] }],
      cover: photo.id,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    documentId = created.body.data!.documentId;
    const published = await cms('POST', `${CM}/${documentId}/actions/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);

    const response = await fetch(`${stack!.siteUrl}/anh/480/webp/${name}`, { signal: AbortSignal.timeout(60_000) });
    expect(response.status).toBe(200);
    expect(response.url).toMatch(new RegExp(`/anh/480/webp/[0-9a-z]+/${name}$`));
    expect(response.headers.get('content-type')).toBe('image/webp');
    const resized = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([resized.format, resized.width, resized.height]).toEqual(['webp', 480, 320]);
  });

  it('still serves photos uploaded before the move to the bucket, from the CMS’s disk', async () => {
    // The demo articles' photos have /uploads/ URLs: files the CMS keeps on its own disk.
    const home = await (await fetch(`${stack!.siteUrl}/`)).text();
    const url = /(\/anh\/\d+\/webp\/[0-9a-z]+\/([A-Za-z0-9_.-]+))[ "]/.exec(home);
    expect(url, 'trang chủ có ảnh mẫu').toBeTruthy();
    const name = url![2]!;
    expect(await s3.bytes(`${PREFIX}/${name}`)).toBeNull();
    expect((await fetch(`${stack!.siteUrl}${url![1]}`)).status).toBe(404);
    copyFileSync(path.join(testStack().publicDir, 'uploads', name), path.join(workDir, 'public', 'uploads', name));
    const response = await fetch(`${stack!.siteUrl}${url![1]}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    diskPhoto = name;
  });

  it('refuses the photo on the site once its article is unpublished, and deleting the file empties its keys', async () => {
    const name = `${photo.hash}.jpg`;
    const unpublished = await cms('POST', `${CM}/${documentId}/actions/unpublish`, {});
    expect(unpublished.status, JSON.stringify(unpublished.body)).toBe(200);
    await waitFor(
      async () => (await fetch(`${stack!.siteUrl}/anh/480/webp/${name}`, { redirect: 'manual' })).status === 404,
      'trang công khai thôi phục vụ ảnh đã gỡ',
      20_000,
    );
    const removed = await cms('DELETE', `/upload/files/${photo.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(await keysOf(photo.hash)).toEqual([]);
  });

  it('refuses a disguised or oversized upload, and nothing reaches the bucket', async () => {
    const before = await s3.keys();
    const disguised = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'anh-gia.jpg', 'image/jpeg');
    expect(disguised.status).toBe(400);
    expect(JSON.stringify(disguised.body)).toContain('không đúng với loại tệp');
    const large = Buffer.concat([await colourPhoto('#c0392b', 16, 16, 'jpeg'), Buffer.alloc(3 * 1024 * 1024)]);
    const oversized = await upload(large, 'anh-qua-lon.jpg', 'image/jpeg');
    expect(oversized.status).toBeGreaterThanOrEqual(400);
    expect(oversized.status).toBeLessThan(500);
    expect(await s3.keys()).toEqual(before);
  });

  it('backs up the bucket’s objects and, after the bucket is wiped, restores them byte for byte', async () => {
    for (const [index, color] of ['#2e86c1', '#8e44ad'].entries()) {
      const answer = await upload(await colourPhoto(color, 600, 400, 'jpeg'), `sao-luu-${index}-${Date.now()}.jpg`, 'image/jpeg');
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    expect((await upload(pdf, 'ke-hoach.pdf', 'application/pdf')).status).toBe(201);
    const keys = await s3.keys();
    expect(keys.length).toBeGreaterThanOrEqual(7);
    const before = new Map(await Promise.all(keys.map(async (key) => [key, await s3.bytes(key)] as const)));

    const backups = path.join(workDir, 'backups');
    const env = {
      ...process.env,
      ...s3.env,
      BACKUP_PASSPHRASE: PASSPHRASE,
      BACKUP_DIR: backups,
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: options.databaseFile,
      PUBLIC_DIR: options.publicDir,
      DEMO_ACCOUNTS_FILE: options.demoAccountsFile,
      CMS_PORT: String(options.cmsPort),
    };
    const first = await backupCli([], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`(${keys.length} tệp trong bucket, 1 tệp trên đĩa)`);
    expect(first.stdout).toContain(`tải về ${keys.length} tệp`);
    // Unchanged objects are not downloaded again.
    const second = await backupCli([], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('tải về 0 tệp');
    // Two backups on one day: pruning keeps the newest.
    const archives = readdirSync(backups).filter((name) => /^portal-backup-.*\.age$/.test(name));
    expect(archives).toHaveLength(1);

    // A bucket that does not answer: the backup stops with a message, and no archive is named.
    const unreachable = await backupCli([], { ...env, S3_ENDPOINT: `http://127.0.0.1:${await freePort()}` });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`Không liệt kê được tệp tải lên ở bucket ${BUCKET}/${PREFIX}`);
    expect(readdirSync(backups).filter((name) => /^portal-backup-.*\.age$/.test(name))).toEqual(archives);

    await s3.wipe();
    expect(await s3.keys()).toEqual([]);
    const restoreEnv = { ...env, DATABASE_FILENAME: '', PUBLIC_DIR: '', DEMO_ACCOUNTS_FILE: '' };
    // An installation without the bucket configured cannot take the bucket's files: refused, nothing written.
    const elsewhere = path.join(workDir, 'no-bucket');
    const refused = await backupCli(['restore', archives[0]!, '--target', elsewhere], { ...restoreEnv, UPLOAD_PROVIDER: 'local' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Bản sao lưu có ${keys.length} tệp tải lên từ bucket S3, nhưng nơi khôi phục không đặt UPLOAD_PROVIDER=s3`);
    expect(existsSync(elsewhere)).toBe(false);

    const target = path.join(workDir, 'restored');
    const restore = await backupCli(['restore', archives[0]!, '--target', target], restoreEnv);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`bucket ${BUCKET}: ghi lại ${keys.length} tệp`);
    expect(await s3.keys()).toEqual(keys);
    for (const key of keys) expect(await s3.bytes(key), key).toEqual(before.get(key));
    // The bucket's files went back into the bucket; the one on disk went back onto the disk.
    const restoredUploads = path.join(target, 'cms', 'public', 'uploads');
    expect(readdirSync(restoredUploads)).toEqual([diskPhoto]);
    expect(readFileSync(path.join(restoredUploads, diskPhoto))).toEqual(readFileSync(path.join(workDir, 'public', 'uploads', diskPhoto)));
  }, 240_000);
});
