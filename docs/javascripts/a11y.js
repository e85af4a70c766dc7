/* Accessibility fixes to Material's markup that no theme setting reaches:
   the search overlay is a role="dialog" without a name (axe: aria-dialog-name).
   Kept in JavaScript rather than an override of partials/search.html, which the
   search integration may replace. */
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
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(nameDialogs);
  } else {
    document.addEventListener("DOMContentLoaded", nameDialogs);
  }
})();
