import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { root } from '@portal/common/layout';
import { fromVietnam, TIME_ZONE, vietnamParts } from '@portal/common/vietnam-time';
import { backupTime, passphrase } from './config.ts';
import { formatVietnam } from './names.ts';

/** The next moment the Vietnam wall clock (UTC+7, whatever the server's time zone) shows `time`. */
export function nextRunAt(now: Date, time: string): Date {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const p = vietnamParts(now);
  const today = fromVietnam(p.y, p.m, p.d, hh, mm);
  return today.getTime() > now.getTime() ? today : fromVietnam(p.y, p.m, p.d + 1, hh, mm);
}

/**
 * Runs forever: one backup a day, each in its own process so that a failed or crashed run cannot stop
 * the schedule; the next day's run is still planned. Never two runs at once.
 */
export function runSchedule(): Promise<never> {
  passphrase('encrypt');
  const time = backupTime();
  let child: ChildProcess | null = null;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.log(`\nĐã nhận ${signal}: dừng lịch sao lưu.`);
      if (child) child.kill('SIGTERM');
      process.exit(0);
    });
  }
  const plan = () => {
    const next = nextRunAt(new Date(), time);
    console.log(`Lần sao lưu tiếp theo: ${formatVietnam(next)} (giờ Việt Nam).`);
    setTimeout(run, next.getTime() - Date.now());
  };
  const run = () => {
    console.log(`\n[${formatVietnam(new Date())}] Bắt đầu sao lưu theo lịch.`);
    child = spawn(process.execPath, [path.join(root, 'scripts', 'backup.ts'), 'create'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      child = null;
      if (code === 0) console.log(`[${formatVietnam(new Date())}] Sao lưu theo lịch: thành công.`);
      else console.error(`[${formatVietnam(new Date())}] Sao lưu theo lịch THẤT BẠI (mã ${code ?? signal}). Xem thông báo ở trên; lịch vẫn tiếp tục.`);
      plan();
    });
  };
  console.log(`Lịch sao lưu: mỗi ngày lúc ${time} giờ Việt Nam (${TIME_ZONE}, UTC+7). Nhấn Ctrl-C để dừng.`);
  plan();
  return new Promise<never>(() => undefined);
}
