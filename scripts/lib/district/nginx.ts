/**
 * The nginx configuration in front of the portal, one definition for one school and for a district:
 * docs/deployment.md shows this function's output for the single school (a unit test keeps them equal),
 * and `npm run district -- nginx` writes it for every school. It goes inside nginx's `http { }` block
 * (for example as /etc/nginx/conf.d/portal.conf).
 */
export interface NginxSite {
  /** The public site's host names, the first one canonical (certificate name). */
  hosts: string[];
  cmsHost: string;
  sitePort: number;
  cmsPort: number;
  /** A comment line naming the school, in a district. */
  label?: string;
}

export interface NginxOptions {
  /** nginx's image cache (shared by the schools: its key includes the upstream port, so they never mix). */
  cacheDir: string;
  /** Where the certificates are: <certDir>/<host>/fullchain.pem and privkey.pem (Let's Encrypt's layout). */
  certDir: string;
}

export const DEFAULT_NGINX: NginxOptions = { cacheDir: '/var/cache/nginx/portal', certDir: '/etc/letsencrypt/live' };

function shared(options: NginxOptions): string {
  return `limit_req_zone $binary_remote_addr zone=pages:10m rate=20r/s;
limit_req_zone $binary_remote_addr zone=forms:10m rate=10r/m;
limit_req_zone $binary_remote_addr zone=admin:10m rate=10r/s;
proxy_cache_path ${options.cacheDir} levels=1:2 keys_zone=portal:50m max_size=2g inactive=30d;
`;
}

function servers(site: NginxSite, options: NginxOptions): string {
  const siteUpstream = `http://127.0.0.1:${site.sitePort}`;
  const cmsUpstream = `http://127.0.0.1:${site.cmsPort}`;
  const tls = (host: string) => `  ssl_certificate     ${options.certDir}/${host}/fullchain.pem;
  ssl_certificate_key ${options.certDir}/${host}/privkey.pem;`;
  return `${site.label ? `\n# ${site.label}` : ''}
server {
  listen 80;
  server_name ${[...site.hosts, site.cmsHost].join(' ')};
  return 301 https://$host$request_uri;
}

# The public site.
server {
  listen 443 ssl http2;
  server_name ${site.hosts.join(' ')};
${tls(site.hosts[0] ?? '')}
  add_header Strict-Transport-Security "max-age=31536000" always;
  # The site sends brotli or gzip itself (cached pages are stored compressed, with ETags): nginx passes
  # Accept-Encoding through and leaves the bodies alone.
  gzip off;
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host $host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto $scheme;

  location / {
    limit_req zone=pages burst=50 nodelay;
    proxy_pass ${siteUpstream};
  }
  location /anh/ {                      # encoded once by the site; nginx keeps a copy for ≤ 1 min
    proxy_pass ${siteUpstream};
    proxy_cache portal;
    proxy_cache_revalidate on;          # renews with If-None-Match: a 304 costs almost nothing
    proxy_cache_lock on;                # one request encodes a new image, the others wait
  }
  location = /bao-sai-sot { limit_req zone=forms burst=5; proxy_pass ${siteUpstream}; }
  location /api/cache/ { deny all; }    # the CMS calls the site's purge endpoint on loopback
}

# The CMS: admin panel and uploaded files. Its REST API is read by the site on loopback only.
server {
  listen 443 ssl http2;
  server_name ${site.cmsHost};
${tls(site.cmsHost)}
  add_header Strict-Transport-Security "max-age=31536000" always;
  client_max_body_size 25m;             # a little above UPLOAD_MAX_BYTES
  proxy_set_header Host $host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto $scheme;

  location / { limit_req zone=admin burst=60 nodelay; proxy_pass ${cmsUpstream}; }
  location /uploads/ { proxy_pass ${cmsUpstream}; }   # no \`expires\`: see take-down below
  location /api/ { deny all; }
}
`;
}

/** The whole configuration: the shared zones once, then each site's three server blocks. */
export function nginxConfig(sites: NginxSite[], options: NginxOptions = DEFAULT_NGINX): string {
  return shared(options) + sites.map((site) => servers(site, options)).join('');
}
