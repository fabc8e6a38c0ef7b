import { existsSync } from 'node:fs';
import { done, run, step } from '../run.ts';

/** Debian packages the bench drives, and where Debian puts their programs. */
export const TOOLS = [
  { name: 'nginx', path: '/usr/sbin/nginx', aptPackage: 'nginx' },
  { name: 'wrk', path: '/usr/bin/wrk', aptPackage: 'wrk' },
] as const;

export const TOOLS_HINT = `sudo apt-get install -y ${TOOLS.map((tool) => tool.aptPackage).join(' ')}`;

export interface ToolEnvironment {
  exists: (file: string) => boolean;
  isRoot: boolean;
}

export type ToolPlan = { action: 'ready' } | { action: 'install'; packages: string[] } | { action: 'stop'; message: string };

/** Like planChromium: the tools are there, apt-get can install them (as root), or we stop and say what to install. */
export function planTools(env: ToolEnvironment): ToolPlan {
  const missing = TOOLS.filter((tool) => !env.exists(tool.path));
  if (missing.length === 0) return { action: 'ready' };
  if (!env.isRoot || !env.exists('/usr/bin/apt-get')) {
    return {
      action: 'stop',
      message: `Thiếu ${missing.map((tool) => tool.name).join(' và ')} để đo hiệu năng. Hãy cài: sudo apt-get install -y ${missing.map((tool) => tool.aptPackage).join(' ')}, rồi chạy lại npm run bench.`,
    };
  }
  return { action: 'install', packages: missing.map((tool) => tool.aptPackage) };
}

export class MissingToolError extends Error {}

export async function ensureTools(env: ToolEnvironment = { exists: existsSync, isRoot: process.getuid?.() === 0 }): Promise<void> {
  const plan = planTools(env);
  if (plan.action === 'ready') return;
  if (plan.action === 'stop') throw new MissingToolError(plan.message);
  const started = step(`Cài ${plan.packages.join(', ')} của Debian để đo hiệu năng (chỉ lần đầu)…`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['update', '-qq'], { env: aptEnv });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...plan.packages], { env: aptEnv });
  } catch {
    throw new MissingToolError(`Không cài được ${plan.packages.join(', ')} bằng apt-get. Hãy cài: ${TOOLS_HINT}, rồi chạy lại npm run bench.`);
  }
  const still = TOOLS.filter((tool) => !env.exists(tool.path));
  if (still.length > 0) throw new MissingToolError(`apt-get đã chạy nhưng vẫn thiếu ${still.map((tool) => tool.path).join(', ')}. Hãy cài: ${TOOLS_HINT}.`);
  done(started);
}
