/** A titled step of a long command, in the same form as the portal's other commands (scripts/lib/run.ts). */
export function step(title: string): number {
  console.log(`\n▶ ${title}`);
  return Date.now();
}

export function done(started: number, note = ''): void {
  console.log(`  ✓ xong sau ${((Date.now() - started) / 1000).toFixed(1)} s${note ? ` — ${note}` : ''}`);
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Prints at most one line per second, so long runs show they are alive without flooding a log file. */
export class Progress {
  private readonly label: string;
  private totalBytes: number;
  private totalFiles: number;
  private bytes = 0;
  private files = 0;
  private last = 0;

  constructor(label: string, totalBytes: number, totalFiles: number) {
    this.label = label;
    this.totalBytes = totalBytes;
    this.totalFiles = totalFiles;
  }

  setTotals(bytes: number, files: number): void {
    this.totalBytes = bytes;
    this.totalFiles = files;
  }

  add(bytes: number, files = 0): void {
    this.bytes += bytes;
    this.files += files;
    const now = Date.now();
    if (now - this.last >= 1000) {
      this.last = now;
      this.print();
    }
  }

  finish(): void {
    this.print();
  }

  private print(): void {
    const percent = this.totalBytes > 0 ? Math.min(100, Math.floor((this.bytes / this.totalBytes) * 100)) : 100;
    console.log(`  … ${this.label}: ${this.files}/${this.totalFiles} tệp, ${megabytes(this.bytes)}/${megabytes(this.totalBytes)} (${percent}%)`);
  }
}
