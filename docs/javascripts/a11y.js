/* Accessibility fixes to Material's markup that no theme setting reaches:
   - the search overlay is a role="dialog" without a name (axe: aria-dialog-name);
   - the header repeats the page title, outside the content that overrides/main.html
     marks lang="en" on English pages: it gets the content's language too.
   Kept in JavaScript rather than overrides of partials/search.html and header.html,
   which the search integration may replace. */
(function () {
  "use strict";
  function nameDialogs() {
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label]):not([aria-labelledby])")
      .forEach(function (dialog) {
        var input = dialog.querySelector("input[aria-label], input[placeholder]");
        var name = input && (input.getAttribute("aria-label") || input.getAttribute("placeholder"));
        dialog.setAttribute("aria-label", name || "Tìm kiếm");
      });
  }
  function markHeaderLanguage() {
    var marked = document.querySelector(".md-content .edition-language[lang]");  // overrides/main.html
    var lang = marked && marked.getAttribute("lang");
    if (!lang || lang === document.documentElement.lang) return;
    document.querySelectorAll(".md-header__topic:last-child .md-ellipsis").forEach(function (title) {
      title.setAttribute("lang", lang);
    });
  }

  function focusableScrollers() {
    // Wide tables (the drop reports) scroll sideways: keyboard users must reach them.
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap, index) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Bảng " + (index + 1));
    });
  }

  function fix() {
    focusableScrollers();
    nameDialogs();
    markHeaderLanguage();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fix);
  } else {
    document.addEventListener("DOMContentLoaded", fix);
  }
})();
