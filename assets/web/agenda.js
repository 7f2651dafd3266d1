// The agenda editor: drag a row, or press Alt+ArrowUp/Down on a focused row, to move an item;
// the new order is posted to the page's reorder route and the page reloads with the times
// recomputed. Without this file the "move up"/"move down" buttons do the same.
"use strict";
(function () {
  var table = document.querySelector("table.agenda[data-reorder]");
  if (!table) return;
  var hint = document.getElementById("agenda-drag-hint");
  if (hint) hint.hidden = false;
  var body = table.tBodies[0];
  function rows() { return Array.prototype.slice.call(body.querySelectorAll("tr[data-id]")); }
  function send(focusId) {
    var ids = rows().map(function (r) { return r.getAttribute("data-id"); }).join(",");
    if (focusId) sessionStorage.setItem("agenda-focus", focusId);
    table.setAttribute("aria-busy", "true");
    fetch(table.getAttribute("data-reorder"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "ids=" + encodeURIComponent(ids)
    }).then(function () { location.reload(); }, function () { location.reload(); });
  }
  var dragged = null;
  body.addEventListener("dragstart", function (e) {
    dragged = e.target.closest("tr[data-id]");
    if (!dragged) return;
    dragged.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", dragged.getAttribute("data-id"));
  });
  body.addEventListener("dragover", function (e) {
    var over = e.target.closest("tr[data-id]");
    if (!dragged || !over || over === dragged) return;
    e.preventDefault();
    var box = over.getBoundingClientRect();
    var after = e.clientY > box.top + box.height / 2;
    body.insertBefore(dragged, after ? over.nextSibling : over);
  });
  body.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
  });
  body.addEventListener("drop", function (e) {
    e.preventDefault();
    if (dragged) send(dragged.getAttribute("data-id"));
  });
  body.addEventListener("keydown", function (e) {
    var row = e.target;
    if (!e.altKey || !row.matches || !row.matches("tr[data-id]")) return;
    var list = rows(), at = list.indexOf(row);
    if (e.key === "ArrowUp" && at > 0) body.insertBefore(row, list[at - 1]);
    else if (e.key === "ArrowDown" && at < list.length - 1) body.insertBefore(list[at + 1], row);
    else return;
    e.preventDefault();
    row.focus();
    send(row.getAttribute("data-id"));
  });
  var focus = sessionStorage.getItem("agenda-focus");
  if (focus) {
    sessionStorage.removeItem("agenda-focus");
    var row = body.querySelector('tr[data-id="' + focus + '"]');
    if (row) row.focus();
  }
})();
