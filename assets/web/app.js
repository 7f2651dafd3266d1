// hoinghi pages: a few behaviours on top of plain HTML forms (no inline script: the CSP
// forbids it). Everything here is optional; every page works without JavaScript.
"use strict";
document.addEventListener("submit", function (event) {
  // <form data-confirm="…">: ask before a destructive action.
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
document.addEventListener("change", function (event) {
  // <select data-autosubmit>: a filter applies as soon as it is chosen.
  if (event.target.matches("[data-autosubmit]") && event.target.form) {
    event.target.form.requestSubmit();
  }
});
(function () {
  // On a phone the conference's tabs scroll sideways: bring the current one into sight
  // (only the tab strip scrolls, not the page).
  var current = document.querySelector("nav.workspace [aria-current=page]");
  var strip = current && current.closest("ul");
  if (strip && strip.scrollWidth > strip.clientWidth) {
    var tab = current.getBoundingClientRect();
    var box = strip.getBoundingClientRect();
    strip.scrollLeft += tab.left + tab.width / 2 - (box.left + box.width / 2);
  }
})();
