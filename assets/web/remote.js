// The MC's remote: its buttons post without leaving the page, and the page follows the
// screen's events (reloaded at each change, so that the lines and the names are the
// server's). Without JavaScript the forms post and come back.
(function () {
  "use strict";
  var remote = document.getElementById("remote");
  if (!remote) {
    return;
  }
  var offline = document.getElementById("remote-offline");

  document.querySelectorAll("form.remote-move").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { "X-Requested-With": "hoinghi" },
        credentials: "same-origin"
      });
    });
  });

  var source = new EventSource(remote.dataset.events);
  source.onopen = function () {
    offline.hidden = true;
  };
  source.onerror = function () {
    offline.hidden = false;
  };
  source.onmessage = function (e) {
    var state = JSON.parse(e.data);
    if (state.deck !== remote.dataset.deck || String(state.slide) !== remote.dataset.slide) {
      window.location.reload();
    }
  };
})();
