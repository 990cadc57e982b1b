/*! bulletin-viewer.js: defines <bulletin-viewer src="issue.json"> and loads the viewer.
 *
 * Works as a classic <script src> (also defer/async) and as <script type="module">. The
 * viewer's files (JS glue and wasm, content-hashed) are found next to this file, wherever it
 * is hosted, not relative to the page. Included twice, it defines the element once.
 * The build (scripts/make-loader.mjs) fills in the two file names below.
 */
(function () {
  'use strict';
  var NAME = 'bulletin-viewer';
  if (!window.customElements || window.customElements.get(NAME)) return;
  var GLUE = '__BULLETIN_VIEWER_GLUE__';
  var WASM = '__BULLETIN_VIEWER_WASM__';
  var here = ownUrl();
  var viewer = null; // the promise of the wasm module, loaded once for all elements

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

  function load() {
    if (!viewer) {
      viewer = import(new URL(GLUE, here).href).then(function (glue) {
        return glue.default({ module_or_path: new URL(WASM, here).href }).then(function () {
          return glue;
        });
      });
    }
    return viewer;
  }

  // Said inside the element when the viewer itself cannot load (blocked, missing files).
  function failed(element, error) {
    console.error('<bulletin-viewer>: the viewer could not load from ' + here, error);
    var root = element.shadowRoot;
    if (!root) return;
    var p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = '简报阅读器未能加载，请稍后刷新页面重试。The bulletin viewer could not load.';
    root.replaceChildren(p);
  }

  class BulletinViewer extends HTMLElement {
    static get observedAttributes() {
      return ['src', 'feed', 'mode', 'lang', 'controls', 'font', 'timeout', 'max-bytes', 'credentials', 'retries',
        'interval', 'dwell', 'idle'];
    }

    connectedCallback() {
      var element = this;
      if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
      load().then(function (glue) {
        // Removed (or already mounted) while the wasm loaded: nothing to do.
        if (!element.isConnected || element._viewer) return;
        element._viewer = new glue.ViewerHandle(element, element.shadowRoot);
      }, function (error) {
        failed(element, error);
      });
    }

    disconnectedCallback() {
      // Leaving the page stops the viewer's fetches and listeners.
      if (this._viewer) {
        this._viewer.destroy();
        this._viewer = null;
      }
    }

    attributeChangedCallback() {
      if (this._viewer) this._viewer.refresh();
    }
  }

  window.customElements.define(NAME, BulletinViewer);
})();
