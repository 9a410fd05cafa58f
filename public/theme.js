// Theme: follows the OS until the reader picks one; the pick is remembered.
// Loaded in <head> (no defer) so the page never flashes the wrong theme.
(function () {
  var KEY = 'derivable-theme';
  var root = document.documentElement;
  var stored = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch (e) {
    /* storage may be blocked */
  }
  if (stored === 'light' || stored === 'dark') root.dataset.theme = stored;
  function current() {
    return root.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  }
  function sync() {
    var buttons = document.querySelectorAll('[data-theme-toggle]');
    for (var i = 0; i < buttons.length; i++) {
      var dark = current() === 'dark';
      buttons[i].setAttribute('aria-pressed', String(dark));
    }
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target instanceof Element ? ev.target.closest('[data-theme-toggle]') : null;
    if (!t) return;
    var next = current() === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch (e) {
      /* not remembered, still switched */
    }
    sync();
    document.dispatchEvent(new CustomEvent('derivable:theme', { detail: next }));
  });
  document.addEventListener('DOMContentLoaded', function () {
    var buttons = document.querySelectorAll('[data-theme-toggle]');
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
    sync();
  });
})();
