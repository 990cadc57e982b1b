// Script-injection payloads and a seed issue filled with them, for the XSS tests.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './browser.mjs';

export const PAYLOADS = [
  '<script>__xss.push("script")</script>',
  '<img src=x onerror="__xss.push(\'img\')">',
  '"><svg onload="__xss.push(\'svg\')">',
  'javascript:__xss.push("js-url")',
  'data:text/html,<script>__xss.push("data-url")</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss.push("mxss")>',
  '<iframe srcdoc="<script>parent.__xss.push(\'iframe\')</script>"></iframe>',
  '{{constructor.constructor("__xss.push(\'template\')")()}}',
  '${__xss.push("template-literal")}',
  '<a href="javascript:__xss.push(\'link\')">点我</a>',
  '</textarea><script>__xss.push("textarea")</script>',
  '<style>*{display:none!important}</style>隐藏',
  '\u202Egnp.exe 湘潭\u202C',
  'hnrldgwxrc@163.com\u202E',
  '<object data="javascript:__xss.push(\'object\')"></object>',
  '<details open ontoggle="__xss.push(\'details\')">',
];

/** The seed with every string replaced by a payload (block types kept so blocks still read). */
export function hostileIssue() {
  const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8'));
  let k = 0;
  const walk = (v, key) => {
    if (typeof v === 'string') return key === 'type' ? v : PAYLOADS[k++ % PAYLOADS.length];
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([kk, x]) => [kk, walk(x, kk)]));
    return v;
  };
  const issue = walk(seed);
  issue.articles[0].blocks.push(
    { type: 'image', src: 'javascript:__xss.push("img-src")', alt: PAYLOADS[1], caption: PAYLOADS[0] },
    { type: 'image', src: 'data:image/svg+xml,<svg onload="__xss.push(1)"/>', alt: '图' },
    { type: 'list', items: PAYLOADS.slice(0, 4) },
  );
  issue.footer.contact = { phone: 'javascript:__xss.push("tel")', email: 'a@b.com?body=<script>__xss.push(1)</script>' };
  return issue;
}

/** The seed with payloads in every text the reader sees, ids, dates and addresses kept valid
 *  (what `bulletin render` accepts: it renders only valid issues). No bidi controls. */
export function hostileValidIssue() {
  const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8'));
  const keep = new Set(['type', 'id', 'article', 'iso', 'email', 'phone', 'label']);
  const payloads = PAYLOADS.filter((p) => !/[\u202a-\u202e]/.test(p));
  let k = 0;
  const walk = (v, key) => {
    if (typeof v === 'string') return keep.has(key) ? v : payloads[k++ % payloads.length];
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([kk, x]) => [kk, walk(x, kk)]));
    return v;
  };
  return walk(seed);
}
