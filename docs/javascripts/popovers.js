/* Footnote and glossary popovers: what Material's tooltips (content.footnote.tooltips,
   content.tooltips) leave out.
   - Glossary terms (<abbr title>) become reachable by keyboard (tabindex=0), so their
     popover opens on focus like a footnote's.
   - Escape closes an open popover (WCAG 1.4.13: dismissible without moving the pointer).
   - On a touch screen the first tap on a footnote number opens its popover instead of
     jumping to the note; a second tap on the same number jumps. */
(function () {
  "use strict";
  var TRIGGERS = ".md-content a.footnote-ref, .md-content abbr";  // Material moves an open term's title
  var armed = null;        // the footnote number tapped once
  var touching = false;    // the last pointer was a finger

  function makeTermsFocusable() {
    document.querySelectorAll(".md-content abbr[title]").forEach(function (term) {
      if (!term.hasAttribute("tabindex")) term.setAttribute("tabindex", "0");
    });
  }

  // Tell Material's tooltips that pointer and focus left, without moving the focus:
  // a keyboard reader stays where they were and Tab goes on from there.
  function closePopovers() {
    document.querySelectorAll(TRIGGERS).forEach(function (trigger) {
      trigger.dispatchEvent(new MouseEvent("mouseleave", { bubbles: false }));
      trigger.dispatchEvent(new FocusEvent("blur", { bubbles: false }));
      trigger.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    });
    document.querySelectorAll(".md-tooltip2--active").forEach(function (tip) {
      tip.classList.remove("md-tooltip2--active");
    });
    armed = null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") closePopovers();
  });
  document.addEventListener("pointerdown", function (event) {
    touching = event.pointerType === "touch";
  }, true);
  document.addEventListener("click", function (event) {
    var ref = event.target.closest && event.target.closest(".md-content a.footnote-ref");
    if (!ref || !touching) return;
    if (armed !== ref) {
      event.preventDefault();
      armed = ref;
      ref.focus();
    } else {
      armed = null;
    }
  }, true);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(makeTermsFocusable);   // also after instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", makeTermsFocusable);
  }
})();
