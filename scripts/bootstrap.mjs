#!/usr/bin/env node
// Entry point of `npm start`, `npm test` and the other npm scripts (run with `exec`, so that npm's
// SIGINT/SIGTERM reach this process and not a shell that would die without passing them on): `node scripts/bootstrap.mjs <name>`
// runs scripts/<name>.ts for a name on the allow-list. It runs on whatever Node npm found, possibly 20,
// so it is plain JavaScript that Node 20 understands. When that Node is older than 22.12 it installs
// Node 24 LTS from the npm registry into .toolchain/ (git-ignored, never global) and runs the script with it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_PACKAGE = 'node@24.21.0';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolchain = path.join(root, '.toolchain');
const commands = ['start', 'dev', 'test', 'check', 'backup', 'monitor', 'lighthouse', 'bench', 'move-to-postgres', 'district'];

function versionOf(bin) {
  const out = spawnSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : null;
}

function newEnough(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

function npmCommand() {
  // npm sets npm_execpath to its own CLI when it runs a script; run that with the current Node.
  const cli = process.env.npm_execpath;
  return cli?.endsWith('.js') ? [process.execPath, [cli]] : ['npm', []];
}

function ensureNode() {
  if (newEnough(process.versions.node)) return process.execPath;
  const bin = path.join(toolchain, 'node_modules', 'node', 'bin', 'node');
  const have = existsSync(bin) ? versionOf(bin) : null;
  if (have && newEnough(have)) return bin;
  console.log(`Node ${process.versions.node} quá cũ (cần ≥ 22.12): đang cài ${NODE_PACKAGE} vào .toolchain/ (chỉ lần đầu)…`);
  mkdirSync(toolchain, { recursive: true });
  // The node package fetches its platform binary in a preinstall script; allow exactly that one.
  writeFileSync(path.join(toolchain, 'package.json'), `${JSON.stringify({ name: 'toolchain', private: true, allowScripts: { node: true } }, null, 2)}\n`);
  const [npm, prefix] = npmCommand();
  const result = spawnSync(npm, [...prefix, 'install', '--no-audit', '--no-fund', '--no-save', NODE_PACKAGE], {
    cwd: toolchain,
    stdio: 'inherit',
  });
  const installed = existsSync(bin) ? versionOf(bin) : null;
  if (result.status !== 0 || !installed || !newEnough(installed)) {
    console.error(`Không cài được ${NODE_PACKAGE} từ npm registry. Hãy cài Node.js ≥ 22.12 rồi chạy lại.`);
    process.exit(1);
  }
  console.log(`Đã cài Node ${installed} vào .toolchain/.`);
  return bin;
}

const [command, ...args] = process.argv.slice(2);
const script = commands.includes(command) ? `${command}.ts` : undefined;
if (!script || !existsSync(path.join(root, 'scripts', script))) {
  console.error(`Cách dùng: node scripts/bootstrap.mjs <${commands.join('|')}> [tham số]`);
  process.exit(2);
}
const node = ensureNode();
const version = versionOf(node) ?? process.versions.node;
const [major, minor] = version.split('.').map(Number);
// Type stripping is on by default from 22.18; 22.12–22.17 need the flag.
const flags = major === 22 && minor < 18 ? ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'] : [];
// cms/ has no "type" in its package.json: a script importing one of its modules would warn. None does since
// the monitor and the backups (which did) became workspaces of their own; the flag keeps operators' output
// quiet should one do so again.
flags.push('--disable-warning=MODULE_TYPELESS_PACKAGE_JSON');
const child = spawn(node, [...flags, path.join(root, 'scripts', script), ...args], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
    PORTAL_NODE: node,
  },
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
// npm runs us through `sh -c`; when npm or that shell is killed, no signal reaches us and we are
// re-parented. Stop the script then, as on SIGTERM, rather than run on as an orphan.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  child.kill('SIGTERM');
}, 500);
watch.unref();
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
