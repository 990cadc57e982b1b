/*! bulletin-viewer.js: defines <bulletin-viewer src="issue.json"> and loads the viewer. */
// Works as a classic <script src> (also defer/async) and as <script type="module">. The
// viewer's files (JS glue and wasm, content-hashed) are found next to this file, wherever it
// is hosted, not relative to the page. Included twice, it defines the element once.
// The viewer comes in three builds: the lite one for an element that shows one issue (`src`,
// reader mode: the plain embed), the full one for a feed's issues or a kiosk, and the search
// one (the full one with 往期检索), brought when a reader first opens 往期检索; each element
// gets the build it needs, and a page loads only those its elements need. The build
// (scripts/make-loader.mjs) fills in the six file names below and leaves out the comment
// lines and indentation.
//
// Never blank: until the viewer runs, the element says it is loading; when the viewer's files
// fail, or have not arrived after the element's `timeout`, it says so, with a retry button (a
// prerendered copy stays while they are late). A name taken by another script, or a broken
// Promise, gets a console error and a word in the element. A panic in the viewer (its wasm
// aborts: a trap) makes every viewer on the page say that it stopped.
(function () {
  'use strict';
  var NAME = 'bulletin-viewer';
  var registry = window.customElements;
  if (!registry) return;
  // Each build's [JS glue, wasm].
  var FILES = {
    full: ['__BULLETIN_VIEWER_GLUE__', '__BULLETIN_VIEWER_WASM__'],
    lite: ['__BULLETIN_VIEWER_LITE_GLUE__', '__BULLETIN_VIEWER_LITE_WASM__'],
    search: ['__BULLETIN_VIEWER_SEARCH_GLUE__', '__BULLETIN_VIEWER_SEARCH_WASM__'],
  };
  // What each build holds more than the one before: lite < full < search.
  var RANK = { lite: 0, full: 1, search: 2 };
  var here = ownUrl();
  // By build: its module once it runs (shared by the elements of that build), the load under
  // way, how many loads were tried, and the trap that stopped its wasm (nothing calls into
  // it again).
  var glues = {};
  var attempts = {};
  var tries = { full: 0, lite: 0, search: 0 };
  var stopped = {};
  var waiting = new Set(); // elements waiting for the viewer
  var sheet; // the loader's constructed stylesheet (a strict CSP allows it)
  // [loading, failed, retry, name taken, stopped], in the element's `lang`, as the viewer
  // reads it.
  var ZH = ['正在加载简报…', '简报阅读器未能加载。', '重试', '简报阅读器无法启动：本页另有脚本占用了 <bulletin-viewer> 名称。',
    '简报显示出错，请刷新页面重试。'];
  var EN = ['Loading the bulletin…', 'The bulletin viewer could not load.', 'Retry',
    'The bulletin viewer cannot start: another script took the name <bulletin-viewer>.',
    'The bulletin viewer stopped; please reload the page.'];

  var other = registry.get(NAME);
  if (other) {
    if (!other.bulletinViewer) taken();
    return;
  }

  // This file's URL: document.currentScript for classic scripts; a module has none, so the
  // first URL of a stack trace (this file), or as a last resort the script tag naming it.
  function ownUrl() {
    var s = document.currentScript;
    if (s && s.src) return s.src;
    var m = /((?:https?|file):\/\/[^\s()'"]+?\.m?js)(?::\d+)*/.exec(new Error().stack || '');
    if (m) return m[1];
    var tags = document.querySelectorAll('script[src*="bulletin-viewer"]');
    return tags.length ? tags[tags.length - 1].src : document.baseURI;
  }

  // Another script defined <bulletin-viewer>: say so, also in the elements it leaves empty.
  function taken() {
    console.error('<bulletin-viewer>: another script on this page defined <bulletin-viewer>, so the viewer from ' +
      here + ' cannot run; remove the other definition');
    var each = function () {
      document.querySelectorAll(NAME).forEach(function (element) {
        if (element.shadowRoot || element.firstChild) return;
        // (attachShadow throws if it has a closed shadow root.)
        try {
          element.attachShadow({ mode: 'open' });
          say(element, 3);
        } catch (e) {}
      });
    };
    each();
    document.addEventListener('DOMContentLoaded', each);
  }

  // The viewer's wasm is built to abort on a panic (smaller than unwinding to a hook): the
  // abort is a WebAssembly.RuntimeError thrown out of one of its functions, into whatever
  // called it — an event listener or a promise job of the viewer's (seen here as an uncaught
  // error or an unhandled rejection), or the loader itself. A trap in another script's wasm
  // (its stack does not name this viewer's file) is none of the viewer's business.
  function trapped(error) {
    if (!(error instanceof WebAssembly.RuntimeError)) return;
    var stack = String(error.stack);
    return ['lite', 'full', 'search'].filter(function (build) {
      return !stopped[build] && stack.indexOf(FILES[build][1].slice(2)) >= 0;
    })[0];
  }
  function stop(build, error) {
    stopped[build] = error;
    console.error('<bulletin-viewer>: the viewer stopped, after an error in its code (' + here + '):', error);
    document.querySelectorAll(NAME).forEach(function (element) {
      if (element._build !== build) return;
      clearTimeout(element._timer);
      waiting.delete(element);
      if (element.shadowRoot) say(element, 4);
    });
  }
  // Calls into the wasm of the element's viewer, unless it stopped; a trap stops it.
  function call(element, action) {
    var build = element._build;
    if (stopped[build]) return;
    try {
      action();
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      stop(build, error);
    }
  }
  window.addEventListener('error', function (event) {
    var build = trapped(event.error);
    if (build) stop(build, event.error);
  });
  window.addEventListener('unhandledrejection', function (event) {
    var build = trapped(event.reason);
    if (build) stop(build, event.reason);
  });

  // The build an element needs: the full one for a feed or a kiosk, as the viewer reads
  // those attributes, and for a reader who turned 语音阅读 on (the settings the viewer keeps);
  // the search build once its reader has opened 往期检索.
  function buildFor(element) {
    if (element._search && (element.getAttribute('feed') || '').trim()) return 'search';
    var get = function (name) { return (element.getAttribute(name) || '').trim(); };
    var speech = false;
    try {
      speech = /(^|;)speech=1(;|$)/.test(localStorage.getItem('bulletin-viewer:reader') || '');
    } catch (e) { /* no storage: no settings kept */ }
    return get('mode') === 'kiosk' || get('feed') || speech ? 'full' : 'lite';
  }

  // The reader turned 语音阅读 on in the lite build, or opened 往期检索 in the full one
  // (`want`: 'search'): once the build that has it is loaded it takes over, and until it has
  // drawn the issue a copy of the earlier one's drawing stays in view.
  function upgrade(element, want) {
    if (want === 'search') element._search = true;
    var from = element._build;
    var to = buildFor(element);
    if (!(RANK[to] > RANK[from])) return;
    element._openSearch = want === 'search';
    load(to);
    Promise.resolve(glues[to] || attempts[to]).then(function () {
      var viewer = element._viewer;
      if (!glues[to] || !viewer || !element.isConnected || element._build !== from) return;
      var root = element.shadowRoot;
      var drawn = root.querySelector('.bv-root');
      var copy = drawn && drawn.cloneNode(true);
      element._viewer = null;
      call(element, function () { viewer.destroy(); });
      if (copy) {
        copy.classList.add('bv-ssr');
        root.appendChild(copy);
      }
      start(element);
    }, function () {
      // The build that has it did not load: the element keeps the one it has, which says so
      // (往期检索 offers to try again).
      if (want === 'search') element._search = false;
      element.dispatchEvent(new CustomEvent('bulletin-viewer-upgrade-failed', { detail: to }));
    });
  }

  // Loads the viewer's files once for all elements, all at once: the wasm (compiled while it
  // streams) and the JS glue in parallel, one round trip after this file. A retry asks for
  // them under a new URL (the browser would wait for, or repeat, the earlier answer); the
  // first to arrive serves every element.
  function load(build) {
    if (attempts[build] || glues[build]) return;
    var query = tries[build]++ ? '?retry=' + tries[build] : '';
    var wasm;
    try {
      wasm = fetch(new URL(FILES[build][1] + query, here).href);
    } catch (e) {
      wasm = Promise.reject(e);
    }
    wasm.catch(function () {}); // reported through the glue's start-up below
    var current = attempts[build] = import(new URL(FILES[build][0] + query, here).href).then(function (module) {
      return glues[build] || module.default({ module_or_path: wasm }).then(function () {
        glues[build] = glues[build] || module;
      });
    }).then(function () {
      waiting.forEach(function (element) {
        if (element._build === build) mount(element);
      });
    });
    current.catch(function (error) {
      if (attempts[build] !== current) return; // a newer attempt is under way
      attempts[build] = null;
      waiting.forEach(function (element) {
        if (element._build === build) fail(element, error);
      });
    });
  }

  // Shows the viewer in `element`, or says it is loading until the element's timeout.
  function start(element) {
    var build = element._build = buildFor(element);
    if (stopped[build]) return say(element, 4);
    if (glues[build]) return mount(element);
    // The viewer needs a working Promise (a portal script may have replaced it).
    try {
      new Promise(function () {}).then(0);
      Promise.resolve().then(0);
    } catch (e) {
      return fail(element, 'window.Promise has been replaced by one that does not work', 1);
    }
    waiting.add(element);
    if (!element.shadowRoot.querySelector('.bv-ssr')) say(element, 0);
    clearTimeout(element._timer);
    var s = seconds(element);
    prefetch(element);
    element._timer = setTimeout(function () {
      // Late: say so, but a prerendered copy reads better than that.
      fail(element, 'no answer in ' + s + ' s', 0, element.shadowRoot.querySelector('.bv-ssr'));
    }, s * 1000);
    load(build);
  }

  // The element's `timeout` in seconds, as the viewer reads it.
  function seconds(element) {
    var s = (element.getAttribute('timeout') || '').trim();
    return /^\+?\d+$/.test(s) && s >= 1 && s <= 300 ? +s : 20;
  }

  // Asks at once for the issue (or feed) the element names, in parallel with the viewer's
  // files and with the request the viewer would make (credentials, timeout); the viewer takes
  // this answer instead of asking again, and reads it with its own size cap and checks. A
  // new `src` or `feed` before the viewer runs, or the element leaving, aborts it. Not for a
  // kiosk (it asks with its own cache rules), nor for a URL the viewer will not fetch.
  function prefetch(element) {
    var get = function (name) { return (element.getAttribute(name) || '').trim(); };
    var old = element._prefetch;
    var url = get('feed') || get('src');
    var credentials = get('credentials');
    credentials = credentials === 'include' || credentials === 'omit' ? credentials : 'same-origin';
    try {
      url = url && get('mode') !== 'kiosk' ? new URL(url, document.baseURI).href : '';
    } catch (e) {
      url = '';
    }
    if (old && old.url === url && old.credentials === credentials) return;
    unprefetch(element);
    if (!/^https?:/i.test(url)) return;
    try {
      var controller = new AbortController();
      var signal = AbortSignal.any([controller.signal, AbortSignal.timeout(seconds(element) * 1000)]);
      var response = fetch(url, { credentials: credentials, signal: signal });
      response.catch(function () {}); // the viewer reports a failure, and retries
      element._prefetch = { url: url, credentials: credentials, response: response, controller: controller };
    } catch (e) {
      // An old browser: the viewer asks itself.
    }
  }

  function unprefetch(element) {
    if (element._prefetch) element._prefetch.controller.abort();
    element._prefetch = null;
  }

  function mount(element) {
    waiting.delete(element);
    clearTimeout(element._timer);
    var build = element._build;
    if (!element.isConnected || element._viewer || stopped[build]) return;
    var root = element.shadowRoot;
    try {
      if (element._said) element._said.remove();
      if (sheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter(function (s) { return s !== sheet; });
      var prefetched = element._prefetch;
      element._prefetch = null;
      var openSearch = Boolean(element._openSearch);
      element._openSearch = false;
      element._viewer = new glues[build].ViewerHandle(element, root, prefetched, here, openSearch);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) return stop(build, error);
      fail(element, error, 1); // the page broke something the viewer needs
    }
  }

  // Says in the element that the viewer cannot load (blocked, missing files, no answer, a
  // broken page), with a retry button unless `final`.
  function fail(element, error, final, quiet) {
    clearTimeout(element._timer);
    console.error('<bulletin-viewer>: the viewer could not load from ' + here + ':', error);
    if (quiet) return;
    say(element, 1, !final && function () {
      if (!glues[element._build]) attempts[element._build] = null;
      start(element);
    });
  }

  // Puts the loader's line `what` (0 loading, 1 failed, 3 name taken) in the element's
  // shadow root, styled by the loader's stylesheet, isolated from the page.
  function say(element, what, retry) {
    var root = element.shadowRoot;
    var words = /^en(-|$)/i.test((element.getAttribute('lang') || '').trim()) ? EN : ZH;
    if (sheet === undefined) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(':host{all:initial!important;display:block!important}:host([hidden]){display:none!important}' +
          'div{max-width:40em;margin:2em auto;padding:1em 1.25em;font:medium/1.6 sans-serif;color:#1a1a1a;background:#fff}' +
          '[role=alert]{border:2px solid #b00020;background:#fff5f5}p{margin:0}' +
          'button{font:inherit;min-height:44px;padding:0 1.25em;margin-top:.5em}');
      } catch (e) {
        sheet = null; // unstyled, still readable
      }
    }
    if (sheet && root.adoptedStyleSheets.indexOf(sheet) < 0) root.adoptedStyleSheets = root.adoptedStyleSheets.concat(sheet);
    var box = document.createElement('div');
    box.setAttribute('role', what ? 'alert' : 'status');
    box.appendChild(document.createElement('p')).textContent = words[what];
    if (retry) {
      var button = box.appendChild(document.createElement('button'));
      button.textContent = words[2];
      button.addEventListener('click', retry);
    }
    root.replaceChildren(box);
    element._said = box;
  }

  class BulletinViewer extends HTMLElement {
    static get observedAttributes() {
      return ['src', 'feed', 'mode', 'lang', 'controls', 'font', 'timeout', 'max-bytes', 'credentials', 'retries',
        'interval', 'dwell', 'idle'];
    }

    connectedCallback() {
      if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
      if (!this._upgrades) {
        this._upgrades = 1;
        var element = this;
        this.addEventListener('bulletin-viewer-upgrade', function (event) { upgrade(element, event.detail); });
      }
      // Moved (removed and put back in one task), the viewer lives on, or goes on waiting.
      if (!this._viewer && !waiting.has(this)) start(this);
    }

    disconnectedCallback() {
      // Leaving the page stops the viewer's fetches and listeners, a microtask later: by
      // then a moved element is connected again.
      var element = this;
      queueMicrotask(function () {
        if (element.isConnected) return;
        waiting.delete(element);
        clearTimeout(element._timer);
        unprefetch(element);
        var viewer = element._viewer;
        element._viewer = null;
        if (viewer) call(element, function () { viewer.destroy(); });
      });
    }

    // The changes of one task are read at once, at its end: setting `font` a thousand times
    // in a loop loads one font, and `src` set thrice fetches the last only.
    // An element that comes to need the other build (a `feed` given to a plain embed) is
    // started again with it.
    attributeChangedCallback() {
      var element = this;
      if (waiting.has(this)) {
        // The viewer is not running yet.
        if (buildFor(this) !== this._build) start(this);
        else prefetch(this);
      }
      if (!this._viewer || this._changed) return;
      this._changed = 1;
      queueMicrotask(function () {
        element._changed = 0;
        var viewer = element._viewer;
        if (!viewer) return;
        if (buildFor(element) === element._build) return call(element, function () { viewer.refresh(); });
        element._viewer = null;
        call(element, function () { viewer.destroy(); });
        start(element);
      });
    }
  }
  BulletinViewer.bulletinViewer = 1;

  registry.define(NAME, BulletinViewer);
})();
