import type { Created } from './create.ts';
import { megabytes } from './progress.ts';

/**
 * The last lines of `npm run backup`: one for people, and with --json one for `npm run bench`, which
 * parses it. MB/s is upload bytes over the whole run's seconds, the figure an operator waits for.
 */
export function summaryLine(created: Created): string {
  const rate = created.seconds > 0 ? created.uploadBytes / 1024 / 1024 / created.seconds : 0;
  return (
    `Tóm tắt: ${created.uploadFiles} tệp tải lên (${megabytes(created.uploadBytes)}): mới ${megabytes(created.newBytes)}, ` +
    `dùng lại ${megabytes(created.reusedBytes)}; ${created.seconds.toFixed(1)} s, ${rate.toFixed(1)} MB/s tệp tải lên.`
  );
}

export interface SummaryJson {
  seconds: number;
  uploadFiles: number;
  uploadBytes: number;
  newBytes: number;
  reusedBytes: number;
  readBytes: number;
  uploadSeconds: number;
}

export function summaryJson(created: Created): SummaryJson {
  const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
  return {
    seconds: round(created.seconds),
    uploadFiles: created.uploadFiles,
    uploadBytes: created.uploadBytes,
    newBytes: created.newBytes,
    reusedBytes: created.reusedBytes,
    readBytes: created.readBytes,
    uploadSeconds: round(created.uploadSeconds),
  };
}
