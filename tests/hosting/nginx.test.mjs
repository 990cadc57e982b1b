// Debian's nginx with its stock nginx.conf, the shipped server/nginx/ files included as
// docs/hosting.md says (suite.mjs tells what is checked); and over HTTP only, without
// bulletin-brotli.conf, as on a server without the brotli modules: gzip alone.
import { hostingSuite } from './suite.mjs';
import { startNginx, nginxBrotli } from './servers.mjs';

hostingSuite(`nginx${nginxBrotli() ? ' with brotli' : ''}`, startNginx);
if (nginxBrotli()) hostingSuite('nginx without bulletin-brotli.conf', (s) => startNginx(s, { brotli: false }), { browser: false });
