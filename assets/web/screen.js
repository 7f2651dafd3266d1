// The hall's screen: shows the slide the server names, following its events; reloads
// when the slides themselves changed (a recipient marked absent, a name corrected). An
// editor's keyboard drives it: → / space / PageDown next, ← / PageUp previous, Home first.
(function () {
  "use strict";
  var body = document.body;
  var slides = document.querySelectorAll(".slide");

  function show(n) {
    for (var i = 0; i < slides.length; i++) {
      slides[i].hidden = i !== n;
    }
    body.dataset.slide = String(n);
  }

  function follow() {
    var source = new EventSource(body.dataset.events);
    source.onmessage = function (e) {
      var state = JSON.parse(e.data);
      if (state.deck !== body.dataset.deck) {
        window.location.reload();
        return;
      }
      show(state.slide);
    };
    // EventSource reconnects by itself; the first event after it says the current slide.
  }

  function move(fields) {
    var data = new URLSearchParams(fields);
    fetch(body.dataset.go, {
      method: "POST",
      body: data,
      headers: { "X-Requested-With": "hoinghi" },
      credentials: "same-origin"
    });
  }

  if (body.dataset.drive === "true") {
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) {
        return;
      }
      if (e.key === "ArrowRight" || e.key === " " || e.key === "PageDown") {
        move({ step: "1" });
      } else if (e.key === "ArrowLeft" || e.key === "PageUp") {
        move({ step: "-1" });
      } else if (e.key === "Home") {
        move({ to: "0" });
      } else {
        return;
      }
      e.preventDefault();
    });
  }
  follow();
})();
