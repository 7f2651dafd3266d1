// The check-in page's "Scan" button: the phone's camera reads the QR code of an invitation
// with the browser's own BarcodeDetector and posts the code through the typed-code form, so
// the answer (green or red, with the name and undo) is the same as for a typed code. Where
// the browser has no BarcodeDetector, or the camera is refused, the page says so and the
// typed code remains. No inline script: the page's CSP forbids it.
"use strict";
(function () {
  var form = document.getElementById("code-form");
  var button = document.getElementById("scan");
  if (!form || !button) return;
  var input = document.getElementById("code");
  var video = document.getElementById("scan-video");
  var unsupported = document.getElementById("scan-unsupported");
  var denied = document.getElementById("scan-denied");
  button.hidden = false;
  var stream = null, timer = null, busy = false;

  // What a scan found: put it in the form and submit it (htmx or a plain post).
  function submitCode(text) {
    input.value = String(text || "").trim().slice(0, 64);
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }
  window.hoinghiScanned = submitCode;

  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.hidden = true;
    button.textContent = button.getAttribute("data-start");
  }

  function start() {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
      unsupported.hidden = false;
      input.focus();
      return;
    }
    var detector;
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); }
    catch (e) { unsupported.hidden = false; input.focus(); return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        denied.hidden = true;
        button.textContent = button.getAttribute("data-stop");
        return video.play();
      })
      .then(function () {
        timer = setInterval(function () {
          if (busy || !stream) return;
          busy = true;
          detector.detect(video).then(function (codes) {
            busy = false;
            if (codes.length && codes[0].rawValue) {
              stop();
              submitCode(codes[0].rawValue);
            }
          }, function () { busy = false; });
        }, 250);
      })
      .catch(function () { stop(); denied.hidden = false; input.focus(); });
  }

  button.addEventListener("click", function () { if (stream) stop(); else start(); });
  // After an answer the field is emptied for the next delegate.
  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (e.target && e.target.id === "code-answer") { input.value = ""; input.focus(); }
  });
})();
