import { existsSync } from 'node:fs';
import { done, run, step } from './run.ts';

/** A program a command needs from Debian's packages, and where Debian puts it. */
export interface DebianTool {
  name: string;
  path: string;
  aptPackage: string;
}

export const NGINX: DebianTool = { name: 'nginx', path: '/usr/sbin/nginx', aptPackage: 'nginx' };
export const WRK: DebianTool = { name: 'wrk', path: '/usr/bin/wrk', aptPackage: 'wrk' };

/** Who needs the tools, for the messages: what they are for and the command to run again afterwards. */
export interface ToolPurpose {
  /** e.g. "để đo hiệu năng" */
  forWhat: string;
  /** e.g. "npm run bench" */
  rerun: string;
}

export interface ToolEnvironment {
  exists: (file: string) => boolean;
  isRoot: boolean;
}

export type ToolPlan = { action: 'ready' } | { action: 'install'; packages: string[] } | { action: 'stop'; message: string };

const hint = (tools: readonly DebianTool[]) => `sudo apt-get install -y ${tools.map((tool) => tool.aptPackage).join(' ')}`;

/** Like planChromium: the tools are there, apt-get can install them (as root), or we stop and say what to install. */
export function planTools(tools: readonly DebianTool[], purpose: ToolPurpose, env: ToolEnvironment): ToolPlan {
  const missing = tools.filter((tool) => !env.exists(tool.path));
  if (missing.length === 0) return { action: 'ready' };
  if (!env.isRoot || !env.exists('/usr/bin/apt-get')) {
    return {
      action: 'stop',
      message: `Thiếu ${missing.map((tool) => tool.name).join(' và ')} ${purpose.forWhat}. Hãy cài: ${hint(missing)}, rồi chạy lại ${purpose.rerun}.`,
    };
  }
  return { action: 'install', packages: missing.map((tool) => tool.aptPackage) };
}

/** A failure reported as one line, without a stack trace: the user has something to install. */
export class MissingToolError extends Error {}

/** Installs what is missing with apt-get when we are root (a fresh server, CI), or stops with one line saying what to install. */
export async function ensureTools(
  tools: readonly DebianTool[],
  purpose: ToolPurpose,
  env: ToolEnvironment = { exists: existsSync, isRoot: process.getuid?.() === 0 },
): Promise<void> {
  const plan = planTools(tools, purpose, env);
  if (plan.action === 'ready') return;
  if (plan.action === 'stop') throw new MissingToolError(plan.message);
  const started = step(`Cài ${plan.packages.join(', ')} của Debian ${purpose.forWhat} (chỉ lần đầu)…`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['update', '-qq'], { env: aptEnv });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...plan.packages], { env: aptEnv });
  } catch {
    // apt-get has printed its own reason above (no network, locked database, …).
    throw new MissingToolError(`Không cài được ${plan.packages.join(', ')} bằng apt-get. Hãy cài: ${hint(tools)}, rồi chạy lại ${purpose.rerun}.`);
  }
  const still = tools.filter((tool) => !env.exists(tool.path));
  if (still.length > 0) throw new MissingToolError(`apt-get đã chạy nhưng vẫn thiếu ${still.map((tool) => tool.path).join(', ')}. Hãy cài: ${hint(still)}.`);
  done(started);
}
