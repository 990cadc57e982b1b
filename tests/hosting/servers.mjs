// Real nginx and Apache (Debian's), started by the tests as foreground processes on loopback
// ports, serving the viewer's folder and a feed's folder with the shipped server/ files
// included exactly as docs/hosting.md tells a webmaster to, and a portal page on a second
// origin (another port) that embeds the viewer with the README's two lines.
//
// `site(root, feed)` copies the folders into a fresh run folder; `startNginx(site)` and
// `startApache(site)` start the server on it (`{ brotli: false }`: without the brotli include,
// or module) and resolve to
// `{ name, version, viewer, feed, portal, origin, accessLog, brotli, stop }` (URLs end in
// `/`; `origin` is the portal's, the allowed one). Nothing outside the run folder is
// written: the pid file, logs and temporary files stay in it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The server files included: BULLETIN_HOSTING_SERVER (an unzipped release's server/), else the
 *  repository's. */
const SHIPPED = path.resolve(process.env.BULLETIN_HOSTING_SERVER || path.join(REPO, 'server'));

/** The folder served as the viewer's: BULLETIN_HOSTING_ROOT (e.g. an unzipped release), else
 *  dist/. The feed's: BULLETIN_HOSTING_FEED, else the root's issues/. */
export function roots() {
  const root = path.resolve(process.env.BULLETIN_HOSTING_ROOT || path.join(REPO, 'dist'));
  const feed = path.resolve(process.env.BULLETIN_HOSTING_FEED || path.join(root, 'issues'));
  for (const [what, dir, file] of [['viewer', root, 'bulletin-viewer.js'], ['feed', feed, 'feed.json']]) {
    if (!fs.existsSync(path.join(dir, file))) throw new Error(`the ${what} folder ${dir} has no ${file} (run scripts/build, or set BULLETIN_HOSTING_ROOT)`);
  }
  return { root, feed };
}

/** A free loopback port (as the OS gives one; a server started right after takes it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A run folder with copies of the viewer's folder (viewer/), the feed's (feed/) and the
 *  portal's (portal/, filled by `portalPages`), readable by the servers' worker user (they
 *  drop root to www-data). */
export async function site(root, feed) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-hosting-'));
  fs.chmodSync(dir, 0o755);
  const s = {
    dir,
    viewerDir: path.join(dir, 'viewer'),
    feedDir: path.join(dir, 'feed'),
    portalDir: path.join(dir, 'portal'),
    ports: { server: await freePort(), portal: await freePort() },
  };
  // The release output as a webmaster copies it: its files, not the tests' leftovers.
  fs.cpSync(root, s.viewerDir, { recursive: true, filter: (src) => !/\/(e2e-[^/]*|\.trunk-lock)$/.test(src) });
  fs.cpSync(feed, s.feedDir, { recursive: true });
  fs.mkdirSync(s.portalDir);
  for (const d of [dir, s.viewerDir, s.feedDir, s.portalDir]) readable(d);
  return s;
}

/** Folders 755, files 644, below `dir`. */
function readable(dir) {
  fs.chmodSync(dir, 0o755);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) readable(p);
    else fs.chmodSync(p, 0o644);
  }
}

/** The URL paths the folders are served at on the server's origin. */
export const PATHS = { viewer: '/bulletin-viewer/', feed: '/bulletins/' };

/** The portal's pages, on the second origin: the README's two lines (the element, then the
 *  loader) pointing at the server's origin, for one issue, for the feed, and for a kiosk. */
export function portalPages(s, base) {
  const feed = JSON.parse(fs.readFileSync(path.join(s.feedDir, 'feed.json'), 'utf8'));
  const viewer = new URL(PATHS.viewer, base).href;
  const feedUrl = new URL(PATHS.feed, base).href;
  const page = (title, element) => `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <style>body{margin:0;font-family:sans-serif}header{background:#9e1b1b;color:#fff;padding:12px 24px;font-size:20px}main{max-width:1100px;margin:0 auto;padding:16px}</style>
</head>
<body>
  <header>某某省人大常委会门户网站 · 简报</header>
  <main>
  ${element}
  <script src="${viewer}bulletin-viewer.js"></script>
  </main>
</body>
</html>
`;
  const issueUrl = new URL(feed.issues[0].url, feedUrl).href.replace(/&/g, '&amp;');
  fs.writeFileSync(path.join(s.portalDir, 'issue.html'), page('简报', `<bulletin-viewer src="${issueUrl}"></bulletin-viewer>`));
  fs.writeFileSync(path.join(s.portalDir, 'feed.html'), page('简报 往期', `<bulletin-viewer feed="${feedUrl}feed.json"></bulletin-viewer>`));
  fs.writeFileSync(path.join(s.portalDir, 'kiosk.html'), page('简报 大屏', `<bulletin-viewer mode="kiosk" feed="${feedUrl}feed.json" interval="60" dwell="0"></bulletin-viewer>`));
  for (const f of fs.readdirSync(s.portalDir)) fs.chmodSync(path.join(s.portalDir, f), 0o644);
  return { issue: feed.issues[0], feed };
}

/** Starts `cmd args`, resolves once it has written its pid to `pidFile` (which nginx and
 *  Apache do once they have bound their ports) and `ports` accept connections; rejects
 *  with the server's output and log if it exits first or takes too long. */
async function run(cmd, args, { ports, pidFile, log, env }) {
  // Its output to a file, not a pipe: the server's workers inherit it and may outlive the
  // parent by a moment, and an open pipe would keep this process waiting for them.
  const outFile = path.join(path.dirname(log), 'output.txt');
  const out = fs.openSync(outFile, 'w');
  const child = spawn(cmd, args, { stdio: ['ignore', out, out], env: { ...process.env, ...env } });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // Not left running if this process ends without stopping it (a failed test's throw).
  const orphan = () => child.kill('SIGTERM');
  process.once('exit', orphan);
  exited.then(() => process.off('exit', orphan));
  const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  const why = () => `${cmd} ${args.join(' ')}\n${read(outFile)}${read(log)}`;
  const end = Date.now() + 10000;
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 50))]);
    if (early) throw new Error(`${cmd} exited (${early.code ?? early.signal}):\n${why()}`);
    const pid = fs.existsSync(pidFile) && Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (pid === child.pid && (await Promise.all(ports.map(accepts))).every(Boolean)) break;
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`${cmd} did not listen on ${ports}:\n${why()}`);
    }
  }
  return {
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let timer;
      const done = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r(null), 5000); })]);
      clearTimeout(timer);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

function accepts(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
}

const isRoot = process.getuid?.() === 0;

// ---------------------------------------------------------------- nginx

/** Whether nginx has the brotli modules (Debian's libnginx-mod-http-brotli-*), which the
 *  stock nginx.conf loads from modules-enabled/. */
export function nginxBrotli() {
  return ['static', 'filter'].every((m) => fs.existsSync(`/etc/nginx/modules-enabled/50-mod-http-brotli-${m}.conf`));
}

/**
 * nginx with Debian's own /etc/nginx/nginx.conf, copied as it is (its http{} with `gzip on`,
 * mime.types, modules-enabled/) except that its pid file and logs go to the run folder and
 * the sites it includes are replaced by the test's: one server{} for the viewer's and the
 * feed's folders, with the shipped files included as docs/hosting.md says, and one for the
 * portal on the second port.
 */
export async function startNginx(s, { brotli = nginxBrotli() } = {}) {
  const dir = path.join(s.dir, 'nginx');
  fs.mkdirSync(dir);
  const snippets = path.join(dir, 'snippets');
  fs.mkdirSync(snippets);
  for (const f of ['bulletin-viewer.conf', 'bulletin-feed.conf', 'bulletin-brotli.conf']) {
    fs.copyFileSync(path.join(SHIPPED, 'nginx', f), path.join(snippets, f));
  }
  const stock = fs.readFileSync('/etc/nginx/nginx.conf', 'utf8');
  const replace = (text, from, to) => {
    if (!from.test(text)) throw new Error(`Debian's nginx.conf has no ${from}`);
    return text.replace(from, to);
  };
  let conf = replace(stock, /^pid .*$/m, `pid ${dir}/nginx.pid;`);
  conf = replace(conf, /^(\s*)error_log .*$/m, `$1error_log ${dir}/error.log;`);
  conf = replace(conf, /^(\s*)access_log .*$/m, `$1access_log ${dir}/access.log;`);
  conf = replace(conf, /^(\s*)include \/etc\/nginx\/conf\.d\/\*\.conf;\s*$/m, '');
  conf = replace(conf, /^(\s*)include \/etc\/nginx\/sites-enabled\/\*;\s*$/m, `$1include ${dir}/site.conf;`);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const portal = `http://127.0.0.1:${s.ports.portal}`;
  const brotliLine = (indent) => (brotli ? `${indent}include ${snippets}/bulletin-brotli.conf;\n` : '');
  fs.writeFileSync(path.join(dir, 'site.conf'), `# The test's site (in place of sites-enabled/*), inside Debian's http{}.
# Temporary files in the run folder, so that nginx needs no root for them.
client_body_temp_path ${dir}/body;
proxy_temp_path ${dir}/proxy;
fastcgi_temp_path ${dir}/fastcgi;
uwsgi_temp_path ${dir}/uwsgi;
scgi_temp_path ${dir}/scgi;

server {
    listen 127.0.0.1:${s.ports.server};
    server_name _;
    root ${s.dir}/empty;

    # The allowed origin: the portal's.
    set $bulletin_cors_origin "${portal}";

    location ^~ ${PATHS.viewer} {
        alias ${s.viewerDir}/;
${brotliLine('        ')}        include ${snippets}/bulletin-viewer.conf;
    }
    location ^~ ${PATHS.feed} {
        alias ${s.feedDir}/;
${brotliLine('        ')}        include ${snippets}/bulletin-feed.conf;
    }
    # What portals often have, which ^~ must keep away from the viewer's files.
    location ~* \\.(js|css|json|wasm|svg)$ {
        expires 30d;
    }
}

server {
    listen 127.0.0.1:${s.ports.portal};
    server_name _;
    root ${s.portalDir};
}
`);
  const version = versionOf('nginx');
  const log = path.join(dir, 'error.log');
  const args = ['-c', path.join(dir, 'nginx.conf'), '-e', log, '-g', 'daemon off;'];
  const server = await run('nginx', args, { ports: [s.ports.server, s.ports.portal], pidFile: path.join(dir, 'nginx.pid'), log });
  return {
    name: 'nginx',
    version,
    brotli: { precompressed: brotli, onTheFly: brotli },
    accessLog: path.join(dir, 'access.log'),
    ...urls(s),
    stop: server.stop,
  };
}

/** What `cmd -v` prints (nginx prints it on standard error), on one line. */
export function versionOf(cmd) {
  const r = spawnSync(cmd, ['-v'], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`.trim().replace(/\s*\n\s*/g, '; ');
}

function urls(s) {
  const base = `http://127.0.0.1:${s.ports.server}`;
  return {
    viewer: `${base}${PATHS.viewer}`,
    feed: `${base}${PATHS.feed}`,
    server: `${base}/`,
    portal: `http://127.0.0.1:${s.ports.portal}/`,
    origin: `http://127.0.0.1:${s.ports.portal}`,
  };
}

// ---------------------------------------------------------------- Apache

const MODS = '/etc/apache2/mods-available';
/** The modules a stock Debian apache2 has enabled (mods-enabled/ after installing it). */
const STOCK_MODS = ['mpm_event', 'access_compat', 'alias', 'auth_basic', 'authn_core', 'authn_file', 'authz_core',
  'authz_host', 'authz_user', 'autoindex', 'deflate', 'dir', 'env', 'filter', 'mime', 'negotiation', 'reqtimeout',
  'setenvif', 'status'];
/** And those the shipped files ask for (`a2enmod headers rewrite brotli`). */
const ADDED_MODS = ['headers', 'rewrite', 'brotli'];

export function apacheBrotli() {
  return fs.existsSync(path.join(MODS, 'brotli.load'));
}

/**
 * Apache with Debian's modules and their settings as a stock install enables them (each
 * mods-available/NAME.load and NAME.conf: mime.conf with its `AddLanguage br .br`,
 * deflate.conf…), plus headers, rewrite and brotli; apache2.conf's defaults that matter here
 * (`AllowOverride None` and denied at /, .ht* files denied); a virtual host serving the two
 * folders by Alias with `AllowOverride FileInfo` and the shipped .htaccess files copied in, the
 * allowed-origin line set to the portal's origin as a webmaster would; and the portal on the
 * second port.
 */
export async function startApache(s, { brotli = apacheBrotli() } = {}) {
  const dir = path.join(s.dir, 'apache');
  fs.mkdirSync(dir);
  const portal = `http://127.0.0.1:${s.ports.portal}`;
  for (const [file, folder] of [['viewer.htaccess', s.viewerDir], ['feed.htaccess', s.feedDir]]) {
    fs.writeFileSync(path.join(folder, '.htaccess'), allowOrigin(fs.readFileSync(path.join(SHIPPED, 'apache', file), 'utf8'), portal));
    fs.chmodSync(path.join(folder, '.htaccess'), 0o644);
  }
  const mods = [...STOCK_MODS, ...ADDED_MODS].filter((m) => m !== 'brotli' || brotli).flatMap((m) => [
    `Include ${MODS}/${m}.load`,
    ...(fs.existsSync(path.join(MODS, `${m}.conf`)) ? [`Include ${MODS}/${m}.conf`] : []),
  ]);
  // As docs/hosting.md tells: FollowSymLinks for mod_rewrite, and FileInfo overrides.
  const directory = (d) => `<Directory ${d}/>
    Options FollowSymLinks
    AllowOverride FileInfo
    Require all granted
</Directory>`;
  fs.writeFileSync(path.join(dir, 'apache2.conf'), `# The test's Apache: Debian's stock modules and their settings, the two folders, the portal.
ServerRoot /etc/apache2
DefaultRuntimeDir ${dir}
PidFile ${dir}/apache2.pid
ServerName 127.0.0.1
Listen 127.0.0.1:${s.ports.server}
Listen 127.0.0.1:${s.ports.portal}
${isRoot ? 'User www-data\nGroup www-data' : ''}
ErrorLog ${dir}/error.log
LogLevel warn
LogFormat "%h %l %u %t \\"%r\\" %>s %O" common
${mods.join('\n')}

# apache2.conf's defaults.
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
AccessFileName .htaccess
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>

<VirtualHost 127.0.0.1:${s.ports.server}>
    DocumentRoot ${s.dir}/empty
    CustomLog ${dir}/access.log common
    Alias ${PATHS.viewer} ${s.viewerDir}/
    Alias ${PATHS.feed} ${s.feedDir}/
</VirtualHost>
${directory(s.viewerDir)}
${directory(s.feedDir)}

<VirtualHost 127.0.0.1:${s.ports.portal}>
    DocumentRoot ${s.portalDir}
    CustomLog ${dir}/portal.log common
</VirtualHost>
${directory(s.portalDir)}
`);
  fs.mkdirSync(path.join(s.dir, 'empty'), { recursive: true });
  const version = versionOf('apache2');
  const log = path.join(dir, 'error.log');
  const server = await run('apache2', ['-f', path.join(dir, 'apache2.conf'), '-DFOREGROUND'], {
    ports: [s.ports.server, s.ports.portal], pidFile: path.join(dir, 'apache2.pid'), log, env: { LANG: 'C' },
  });
  return {
    name: 'Apache',
    version,
    // The .br copies are sent by mod_rewrite alone; brotli on the fly needs mod_brotli.
    brotli: { precompressed: true, onTheFly: brotli },
    accessLog: path.join(dir, 'access.log'),
    ...urls(s),
    stop: server.stop,
  };
}

/** The shipped .htaccess with its allowed-origin line set to `origin`. */
export function allowOrigin(text, origin) {
  const line = /^Header always set Access-Control-Allow-Origin "\*"$/m;
  if ((text.match(new RegExp(line, 'gm')) || []).length !== 1) throw new Error('the .htaccess has not one allowed-origin line');
  return text.replace(line, `Header always set Access-Control-Allow-Origin "${origin}"`);
}
