// A stand-in for the 编辑台's worker, served as editor/worker.js by a test's own server (the
// real worker beside it as editor/worker-real.js): a file whose bytes begin with HANG keeps
// it busy for good — a loop that never returns, as a PDF that never finishes converting
// would, deaf to every later message — and everything else is the real worker's. Only the
// page can end it: its time limit or 取消, terminating the worker and starting a fresh one.
import './worker-real.js';

const real = self.onmessage;
const post = self.postMessage.bind(self);
let started;
const ready = new Promise((resolve) => { started = resolve; });
// The real worker says when its converter has started (the time limit counts from then).
self.postMessage = (message, transfer) => {
  if (message?.ready) started();
  post(message, transfer);
};
self.onmessage = async (event) => {
  const { op, bytes } = event.data;
  if (op === 'open' && new TextDecoder().decode(new Uint8Array(bytes).subarray(0, 4)) === 'HANG') {
    await ready;
    for (;;) {
      // Converting, for ever.
    }
  }
  return real(event);
};
