/* webpub: text size and high contrast, as Thai government sites offer (GWS accessibility).
 * Loaded in <head> (not deferred) so a chosen setting is applied before the first paint;
 * the choice is kept in localStorage, so it holds on every page of the site.
 * No inline script or style: the settings are attributes on <html> that the CSS reads. */
(function () {
  "use strict";
  var SIZE_KEY = "webpub-text-size";
  var CONTRAST_KEY = "webpub-contrast";
  var MIN = -1, MAX = 2;
  var root = document.documentElement;

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, value); }
    } catch (e) { /* storage off: the setting lasts for this page only */ }
  }
  function size() {
    var value = parseInt(read(SIZE_KEY) || "0", 10);
    return value >= MIN && value <= MAX ? value : 0;
  }
  function apply() {
    var level = size();
    if (level) { root.setAttribute("data-webpub-text", String(level)); } else { root.removeAttribute("data-webpub-text"); }
    var high = read(CONTRAST_KEY) === "high";
    if (high) { root.setAttribute("data-webpub-contrast", "high"); } else { root.removeAttribute("data-webpub-contrast"); }
    var toggles = document.querySelectorAll("[data-webpub-contrast-toggle]");
    for (var i = 0; i < toggles.length; i++) { toggles[i].setAttribute("aria-pressed", high ? "true" : "false"); }
    var steps = document.querySelectorAll("[data-webpub-text-step]");
    for (var j = 0; j < steps.length; j++) {
      var step = parseInt(steps[j].getAttribute("data-webpub-text-step"), 10);
      steps[j].disabled = (step < 0 && level <= MIN) || (step > 0 && level >= MAX);
    }
  }
  function wire() {
    var groups = document.querySelectorAll("[data-webpub-a11y]");
    for (var i = 0; i < groups.length; i++) { groups[i].hidden = false; }
    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("[data-webpub-text-step],[data-webpub-contrast-toggle]") : null;
      if (!target) { return; }
      if (target.hasAttribute("data-webpub-contrast-toggle")) {
        write(CONTRAST_KEY, read(CONTRAST_KEY) === "high" ? null : "high");
      } else {
        var step = parseInt(target.getAttribute("data-webpub-text-step"), 10);
        var next = step === 0 ? 0 : Math.max(MIN, Math.min(MAX, size() + step));
        write(SIZE_KEY, next === 0 ? null : String(next));
      }
      apply();
    });
    apply();
    reachable();
    window.addEventListener("load", reachable);
    window.addEventListener("resize", reachable);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(reachable); }
  }
  /* A table wider than a phone scrolls inside its box: keyboard users must reach it (WCAG 2.1.1). */
  function reachable() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .webpub-table-wrap");
    for (var k = 0; k < boxes.length; k++) {
      if (boxes[k].scrollWidth > boxes[k].clientWidth && !boxes[k].hasAttribute("tabindex")) { boxes[k].setAttribute("tabindex", "0"); }
    }
  }

  apply();
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", wire); } else { wire(); }
  window.addEventListener("storage", apply);  /* another tab changed it */
})();
