// Debian's Apache with its stock modules and mime.conf, the shipped server/apache/ files as
// the folders' .htaccess (suite.mjs tells what is checked); and over HTTP only, without
// mod_brotli: the .br copies still, gzip on the fly.
import { hostingSuite } from './suite.mjs';
import { startApache, apacheBrotli } from './servers.mjs';

hostingSuite(`Apache${apacheBrotli() ? ' with mod_brotli' : ''}`, startApache);
if (apacheBrotli()) hostingSuite('Apache without mod_brotli', (s) => startApache(s, { brotli: false }), { browser: false });
