// The book's language is zh-CN (book.toml: one language for every page); the Reference and
// the Developer's guide are written in English, and their pages say so — for a screen
// reader's voice, and for the fonts (cjk.css).
(function () {
  if (/\/(reference|developer)\/[^/]*$/.test(window.location.pathname)) {
    document.documentElement.lang = 'en';
  }
})();
