// The editor's service worker: the page keeps working with the network gone (its files, the
// converter and the viewer are kept in a cache when first loaded, and refreshed from the
// network whenever it answers), and the preview shows the pictures of the file being edited
// (the page puts them in the cache under pictures/DOC/, DOC the tab's document; they are
// never uploaded).
const APP = 'bulletin-editor-app';
const PICTURES = 'bulletin-editor-pictures';
const here = (file) => new URL(file, self.location).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(APP);
    await cache.addAll(['./index.html', './editor.js', './editor.css', './worker.js', './converter.js',
      './converter_bg.wasm', '../bulletin-viewer.js'].map(here));
    // Not needed to work: a site without them still gets the rest.
    await Promise.allSettled(['./', '../favicon.svg'].map((f) => cache.add(here(f))));
    // The viewer's own files, by the content-hashed names its loader gives.
    const loader = await (await cache.match(here('../bulletin-viewer.js'))).text();
    const files = new Set(loader.match(/viewer-(?:lite-)?[0-9a-f]+(?:_bg\.wasm|\.js)/g) || []);
    await cache.addAll([...files].map((f) => here(`../${f}`)));
  })());
  self.skipWaiting();
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(new URL(here('./pictures/')).pathname)) {
    event.respondWith(caches.open(PICTURES)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((found) => found || new Response('', { status: 404 })));
    return;
  }
  // Network first, past the HTTP cache (the editor's files have no content hash: a new
  // deployment must never mix with the old); the cache when the network does not answer.
  event.respondWith(fetch(request, { cache: 'no-cache' }).then((response) => {
    if (response.ok && response.type === 'basic') {
      const copy = response.clone();
      event.waitUntil(caches.open(APP).then((cache) => cache.put(request, copy)));
    }
    return response;
  }).catch(async () => (await caches.match(request, { ignoreSearch: true })) || Response.error()));
});
