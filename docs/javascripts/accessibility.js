// Casebook's fixes to Material that need a script. Served from the site itself, so the
// Content-Security-Policy allows it without an inline hash.
//
// A table wider than the screen scrolls sideways inside Material's wrapper. A keyboard user can
// scroll it only if the wrapper can take focus (WCAG 2.1.1), and a screen reader user needs to
// know what the focused region is (4.1.2): such wrappers get tabindex, role and a name. Tables
// that fit get none, so they add no empty Tab stops.
(function () {
  "use strict";

  function nameOf(wrap) {
    var table = wrap.querySelector("table");
    if (table && table.caption) return table.caption.textContent.trim();
    for (var el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return el.textContent.trim() + " (table)";
    }
    return "Table";
  }

  function markScrollableTables() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(wraps, function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", nameOf(wrap));
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(markScrollableTables, 150);
  });
  // Material wraps tables when a page is shown; document$ tells when that has happened.
  if (window.document$) {
    window.document$.subscribe(markScrollableTables);
  } else {
    document.addEventListener("DOMContentLoaded", markScrollableTables);
  }
})();
