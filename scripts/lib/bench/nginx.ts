/**
 * Debian's nginx serving saved copies of the portal's pages, as the yardstick of the cached-page rows: run
 * as the current user from a temporary prefix (its own config, pid and temp folders), in the foreground.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stopChild, waitUntil } from '../stack.ts';

export const NGINX = '/usr/sbin/nginx';

export function nginxConfig(prefix: string, host: string, port: number): string {
  const temp = (name: string) => path.join(prefix, 'temp', name);
  return `worker_processes auto;
daemon off;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  default_type text/html;
  charset utf-8;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  server {
    listen ${host}:${port};
    root ${path.join(prefix, 'pages')};
    location / { try_files $uri =404; }
  }
}
`;
}

export interface StaticServer {
  url: string;
  /** Saves the exact bytes of a page as <name>.html and returns its URL. */
  save(name: string, bytes: Uint8Array): string;
  stop(): Promise<void>;
}

export async function startNginx(prefix: string, host: string, port: number): Promise<StaticServer> {
  mkdirSync(path.join(prefix, 'pages'), { recursive: true });
  mkdirSync(path.join(prefix, 'temp'), { recursive: true });
  // As root, nginx's workers run as nobody: they must be able to read the saved pages.
  chmodSync(prefix, 0o755);
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(conf, nginxConfig(prefix, host, port));
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'error.log')], { detached: true, stdio: 'ignore' });
  const url = `http://${host}:${port}`;
  writeFileSync(path.join(prefix, 'pages', 'ready.html'), 'ok');
  try {
    await waitUntil(`${url}/ready.html`, (status) => status === 200, child, 'nginx', 15_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    url,
    save(name, bytes) {
      writeFileSync(path.join(prefix, 'pages', `${name}.html`), bytes, { mode: 0o644 });
      return `${url}/${name}.html`;
    },
    stop: () => stopChild(child, 5_000),
  };
}
