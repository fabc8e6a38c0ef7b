import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { s3Client, s3Settings } from '@portal/common/s3';
import { root } from '../../scripts/lib/paths.ts';
import { killGroup } from './own-cms.ts';
import { freePort } from './test-stack.ts';
import { waitFor } from './wait.ts';

/** s3rver's fixed credentials: it checks signatures made with them. */
const KEY = 'S3RVER';

export interface S3Server {
  /** The API address (path-style: <url>/<bucket>/<key>). */
  url: string;
  bucket: string;
  /** The environment of an installation with UPLOAD_PROVIDER=s3 on this server and bucket. */
  env: Record<string, string>;
  client: S3Client;
  /** Every key in the bucket. */
  keys(): Promise<string[]>;
  bytes(key: string): Promise<Buffer | null>;
  /** Empties the bucket, as a lost or wiped bucket would be. */
  wipe(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real S3-protocol server (s3rver) in its own process, on a free port, storing in `dir`; one bucket.
 * The portal talks to it exactly as to AWS or MinIO: signed requests over HTTP.
 */
export async function startS3Server(dir: string, bucket: string, prefix = ''): Promise<S3Server> {
  const port = await freePort();
  const log = openSync(path.join(dir, '..', 's3rver.log'), 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules', 's3rver', 'bin', 's3rver.js'),
      '-d',
      dir,
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '--no-vhost-buckets',
      '--configure-bucket',
      bucket,
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${port}`;
  const env = {
    UPLOAD_PROVIDER: 's3',
    S3_ENDPOINT: url,
    S3_REGION: 'us-east-1',
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: KEY,
    S3_SECRET_ACCESS_KEY: KEY,
    S3_PREFIX: prefix,
  };
  const client = s3Client(s3Settings(env));
  const keys = async () => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((item) => item.Key ?? ''));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  };
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error('s3rver đã dừng khi khởi động (xem s3rver.log)');
      try {
        await keys();
        return true;
      } catch {
        return false;
      }
    },
    'máy chủ S3 thử nghiệm trả lời',
    30_000,
    100,
  );
  return {
    url,
    bucket,
    env,
    client,
    keys,
    async bytes(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Buffer.from(await answer.Body!.transformToByteArray());
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async wipe() {
      // One by one: a batch delete needs a checksum header that not every S3-compatible server reads.
      for (const Key of await keys()) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killGroup(child, 'SIGTERM');
      await exited;
    },
  };
}
