// A page-side stand-in for the Web Speech API's synthesis, installed before the viewer loads
// (`page.addInitScript(installSpeech, options)`): headless Chromium has no voice here. It
// records every utterance the viewer asks for (text, lang, rate, voice) and every cancel,
// and fires `start`, `boundary` and `end` on a clock the test controls: an utterance starts
// when the previous one ends, and ends only when the test calls `__speech.finish()`.
//   options.voices: [{ name, lang }] — the voices listed (default: one zh-CN voice)
//   options.late: list no voices until `__speech.setVoices(list)` fires `voiceschanged`
export function installSpeech({ voices = [{ name: '测试普通话', lang: 'zh-CN' }], late = false } = {}) {
  class Voice {
    constructor({ name, lang }) {
      Object.assign(this, { name, lang, voiceURI: name, localService: true, default: false });
    }
  }
  class Utterance extends EventTarget {
    constructor(text = '') {
      super();
      Object.assign(this, { text, lang: '', rate: 1, pitch: 1, volume: 1, voice: null });
    }
  }
  const log = [];
  let listed = late ? [] : voices.map((v) => new Voice(v));
  let queue = [];
  let speaking = null;
  const fire = (u, type, extra = {}) => {
    const e = Object.assign(new Event(type), { utterance: u, charIndex: 0, elapsedTime: 0, name: 'word' }, extra);
    u.dispatchEvent(e);
  };
  const next = () => {
    speaking = queue.shift() || null;
    const u = speaking;
    // As browsers do: events come later, not inside speak().
    if (u) queueMicrotask(() => u === speaking && (fire(u, 'start'), fire(u, 'boundary')));
  };
  const synth = new EventTarget();
  Object.assign(synth, {
    getVoices: () => listed.slice(),
    speak(u) {
      log.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice ? u.voice.name : null });
      queue.push(u);
      if (!speaking) next();
    },
    cancel() {
      log.push({ cancel: true });
      const gone = [speaking, ...queue].filter(Boolean);
      speaking = null;
      queue = [];
      queueMicrotask(() => gone.forEach((u) => fire(u, 'error', { error: 'interrupted' })));
    },
    pause() { log.push({ pause: true }); },
    resume() { log.push({ resume: true }); },
  });
  Object.defineProperty(synth, 'speaking', { get: () => !!speaking });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisVoice', { value: Voice, configurable: true });
  window.__speech = {
    log,
    /** The utterances spoken, in order (texts). */
    said: () => log.filter((e) => e.text != null).map((e) => e.text),
    /** What is being spoken now. */
    current: () => (speaking ? speaking.text : null),
    /** Ends the utterance being spoken; the next one starts. */
    finish() {
      const u = speaking;
      if (!u) return false;
      speaking = null;
      queueMicrotask(() => { fire(u, 'end'); if (!speaking) next(); });
      return true;
    },
    setVoices(list) {
      listed = list.map((v) => new Voice(v));
      synth.dispatchEvent(new Event('voiceschanged'));
    },
  };
}
