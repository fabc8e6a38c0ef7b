/** The one table `npm run bench` prints: what, measured, goal, met. */
export interface Row {
  what: string;
  measured: string;
  goal: string;
  /** null: a figure without a goal. */
  met: boolean | null;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| đo gì | kết quả | mục tiêu | đạt? |', '|---|---|---|---|'];
  for (const row of rows) lines.push(`| ${cell(row.what)} | ${cell(row.measured)} | ${cell(row.goal)} | ${row.met === null ? '–' : row.met ? '✓' : '✗'} |`);
  return lines.join('\n');
}

/** Figures as the table writes them: plain digits, a fixed number of decimals, no locale separators. */
export function fixed(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function ratio(value: number, base: number): number {
  return base > 0 ? value / base : Number.NaN;
}
