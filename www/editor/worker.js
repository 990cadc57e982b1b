// The editor's converter, off the page's main thread: the Rust converter (converter.js and
// its wasm, built from src/editor/) answers the page's messages. A PDF that makes a library
// fail traps the wasm instance; the worker then says so and the page starts a fresh worker.
//   → {id, op: 'open', bytes, lang}      ← {id, result: {ok, format, text, places…}, images}
//     (lang 'en' or 'zh': the language of a failure's message)
//   → {id, op: 'update', input}          ← {id, result: Outcome}
//   → {id, op: 'feed', feed, issue, name, lang} ← {id, result: {ok, json, url} | {ok:false, message}}
//     (name: true besides when the file name cannot be a URL)
//   → {id, op: 'page', issue}            ← {id, result: html}
//                                        ← {ready: true} once, when the converter has started
//     (the page's time limit per conversion counts from then: not the wasm's download)
import init, { openFile, updateIssue, feedWith, renderPage } from './converter.js';

let panicked = '';
self.bulletinPanic = (message) => { panicked = message; };
const ready = init({ module_or_path: new URL('converter_bg.wasm', import.meta.url) });
// A start that fails is answered to each message (crashed), below.
ready.then(() => self.postMessage({ ready: true }), () => {});

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    await ready;
    let result;
    let images = [];
    if (op === 'open') {
      const opening = openFile(new Uint8Array(data.bytes), data.lang === 'en' ? 'en' : 'zh');
      result = JSON.parse(opening.json());
      for (let i = 0; i < opening.image_count(); i++) {
        images.push({ name: opening.image_name(i), bytes: opening.image_bytes(i) });
      }
      opening.free();
    } else if (op === 'update') {
      result = JSON.parse(updateIssue(JSON.stringify(data.input)));
    } else if (op === 'feed') {
      result = JSON.parse(feedWith(data.feed, data.issue, data.name, data.lang));
    } else if (op === 'page') {
      result = await renderPage(data.issue);
    } else {
      throw new Error(`unknown operation ${op}`);
    }
    self.postMessage({ id, result, images }, images.map((i) => i.bytes.buffer));
  } catch (e) {
    // A trap (the instance cannot be used again) or a failed start.
    self.postMessage({ id, crashed: true, message: panicked || String(e && e.message || e) });
  }
};
