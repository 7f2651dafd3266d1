// The certificate designer: the layout's elements drawn to scale over the office's blank and
// the print engine's preview of a real recipient. Select a box, drag it or its corner with
// the mouse, nudge it with the arrow keys (0.5 mm, 5 mm with Shift; Alt resizes), edit it in
// the side panel; undo and redo; save a new version. Every change asks the server for a new
// preview (an SVG drawn by the same code as the PDF) and marks what had to shrink or wrap.
"use strict";
(function () {
  var root = document.getElementById("designer");
  if (!root) return;
  var api = root.getAttribute("data-api");
  var canWrite = root.getAttribute("data-can-write") === "true";
  var sheet = document.getElementById("d-sheet");
  var boxes = document.getElementById("d-boxes");
  var previewLayer = document.getElementById("d-preview");
  var blank = document.getElementById("d-blank");
  var panel = document.getElementById("d-panel");
  var status = document.getElementById("d-status");
  var report = document.getElementById("d-report");
  var recipient = document.getElementById("d-recipient");
  var PAPERS = { A4: [210, 297], A3: [297, 420], A5: [148, 210] };
  var SNAP_PX = 6;

  var state = { layout: null, etag: null, sel: -1, undo: [], redo: [], background: null };
  // Milliseconds from a change to its preview on screen, for the status line and the tests.
  root.previewTimes = [];

  function msg(name) { return root.getAttribute("data-msg-" + name) || name; }
  function say(text, kind) {
    status.textContent = text;
    status.className = "d-status" + (kind ? " " + kind : "");
  }
  function json(method, url, body, headers) {
    // Problems come back worded in the page's language.
    var h = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "vi" };
    if (body !== undefined) h["Content-Type"] = "application/json";
    for (var k in headers || {}) h[k] = headers[k];
    return fetch(url, {
      method: method, credentials: "same-origin", headers: h,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (t) {
        var data = null;
        try { data = t ? JSON.parse(t) : null; } catch (e) { data = null; }
        return { status: r.status, ok: r.ok, etag: r.headers.get("ETag"), data: data };
      });
    });
  }
  function problem(res) {
    var d = res.data || {};
    var worded = (d.errors || []).map(function (e) { return e.message; });
    return worded.length ? worded.join(" ") : (d.detail || d.title || ("HTTP " + res.status));
  }

  // ---- geometry ----
  function paper() {
    var l = state.layout, p = PAPERS[(l.paper || "A4").toUpperCase()], m;
    if (!p && (m = /^(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)$/.exec(l.paper || ""))) p = [+m[1], +m[2]];
    p = p || PAPERS.A4;
    var small = Math.min(p[0], p[1]), large = Math.max(p[0], p[1]);
    return l.orientation === "portrait" ? [small, large] : [large, small];
  }
  function pxPerMm() { return sheet.clientWidth / paper()[0]; }
  function round(v) { return Math.round(v * 10) / 10; }
  function clampBox(b) {
    var p = paper();
    b[2] = Math.max(1, Math.min(b[2], p[0]));
    b[3] = Math.max(1, Math.min(b[3], p[1]));
    b[0] = Math.max(0, Math.min(b[0], p[0] - b[2]));
    b[1] = Math.max(0, Math.min(b[1], p[1] - b[3]));
    return b.map(round);
  }

  // Snap a moving box to the page centre and to the edges and centres of the other boxes.
  function snap(b, index) {
    var p = paper(), limit = SNAP_PX / pxPerMm();
    var xs = [p[0] / 2], ys = [p[1] / 2];
    state.layout.element.forEach(function (e, i) {
      if (i === index) return;
      xs.push(e.box[0], e.box[0] + e.box[2] / 2, e.box[0] + e.box[2]);
      ys.push(e.box[1], e.box[1] + e.box[3] / 2, e.box[1] + e.box[3]);
    });
    function best(start, size, lines) {
      var found = null;
      [0, size / 2, size].forEach(function (offset) {
        lines.forEach(function (line) {
          var d = line - (start + offset);
          if (Math.abs(d) <= limit && (found === null || Math.abs(d) < Math.abs(found))) found = d;
        });
      });
      return found === null ? start : start + found;
    }
    b[0] = best(b[0], b[2], xs);
    b[1] = best(b[1], b[3], ys);
    return b;
  }

  // ---- drawing ----
  function place(node, b) {
    var p = paper();
    node.style.left = (b[0] / p[0] * 100) + "%";
    node.style.top = (b[1] / p[1] * 100) + "%";
    node.style.width = (b[2] / p[0] * 100) + "%";
    node.style.height = (b[3] / p[1] * 100) + "%";
  }
  // The label of the element named `name` in the layout being edited.
  function elementLabel(name) {
    var e = state.layout.element.filter(function (x) { return x.name === name; })[0];
    return e ? label(e) : name;
  }
  // What a person calls an element: the field it shows, its fixed wording, or its kind;
  // never the layout file's internal name.
  function label(e) {
    if (e.kind === "double_border") return msg("element-border");
    if (e.kind === "qr") return msg("element-qr");
    if (e.kind === "image") return msg("element-image");
    if (e.kind === "emblem") return msg("element-emblem");
    if (e.field) return root.getAttribute("data-field-" + e.field) || e.field;
    return e.text ? "“" + e.text + "”" : msg("element-text");
  }
  function render() {
    var p = paper();
    sheet.style.aspectRatio = p[0] + " / " + p[1];
    boxes.textContent = "";
    state.layout.element.forEach(function (e, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "d-box layer-" + e.layer + (i === state.sel ? " selected" : "");
      b.setAttribute("data-i", i);
      b.setAttribute("data-name", e.name);
      b.setAttribute("aria-pressed", i === state.sel ? "true" : "false");
      b.setAttribute("aria-label", label(e));
      var text = document.createElement("span");
      text.className = "d-label";
      text.textContent = label(e);
      b.appendChild(text);
      if (i === state.sel && canWrite) {
        var h = document.createElement("span");
        h.className = "d-handle";
        h.setAttribute("aria-hidden", "true");
        b.appendChild(h);
      }
      place(b, e.box);
      boxes.appendChild(b);
    });
    fillPanel();
    placeBackground();
    var undo = root.querySelector("[data-act=undo]"), redo = root.querySelector("[data-act=redo]");
    if (undo) undo.disabled = !state.undo.length;
    if (redo) redo.disabled = !state.redo.length;
  }
  function placeBackground() {
    var bg = state.background;
    if (!blank) return;
    blank.hidden = !bg;
    if (bg) place(blank, bg.rect_mm || [0, 0].concat(paper()));
  }

  // ---- the side panel ----
  var FIELDS = ["name", "layer", "field", "text", "prefix", "face", "size", "min_size",
    "max_lines", "align", "case", "colour", "underline", "line_width"];
  var NUMBERS = { size: 1, min_size: 1, max_lines: 1, line_width: 1 };
  function input(name) { return panel.querySelector("[name='" + name + "']"); }
  function fillPanel() {
    var e = state.layout.element[state.sel];
    panel.hidden = !e;
    if (!e) return;
    panel.querySelector(".d-panel-title").textContent = label(e);
    FIELDS.forEach(function (name) {
      var el = input(name);
      if (!el) return;
      var v = e[name];
      if (el.type === "checkbox") el.checked = !!v;
      else if (name === "colour" && el.type === "color") el.value = v || "#000000";
      else el.value = v === undefined || v === null ? "" : v;
      var row = el.closest(".field");
      var text = e.kind !== "double_border" && e.kind !== "image" && e.kind !== "qr" && e.kind !== "emblem";
      if (row) row.hidden = name === "line_width" ? text : (!text && name !== "name" && name !== "layer" && !(name === "colour" && e.kind === "double_border"));
    });
    ["x", "y", "w", "h"].forEach(function (n, k) { input("box-" + n).value = e.box[k]; });
    panel.querySelectorAll("input, select, button").forEach(function (c) { c.disabled = !canWrite; });
  }
  panel.addEventListener("change", function (ev) {
    var e = state.layout.element[state.sel], t = ev.target;
    if (!e || !t.name) return;
    remember();
    var m = /^box-([xywh])$/.exec(t.name);
    if (m) {
      var v = parseFloat(String(t.value).replace(",", "."));
      if (!isNaN(v)) {
        var b = e.box.slice();
        b["xywh".indexOf(m[1])] = v;
        e.box = clampBox(b);
      }
    } else if (t.type === "checkbox") {
      if (t.checked) e[t.name] = true; else delete e[t.name];
    } else if (t.value === "") {
      delete e[t.name];
    } else if (NUMBERS[t.name]) {
      var n = parseFloat(String(t.value).replace(",", "."));
      if (!isNaN(n)) e[t.name] = t.name === "max_lines" ? Math.round(n) : n;
    } else {
      e[t.name] = t.value;
      // A text shows either a field or a fixed text.
      if (t.name === "field") delete e.text;
      if (t.name === "text") delete e.field;
    }
    changed();
  });
  panel.addEventListener("submit", function (ev) { ev.preventDefault(); });

  // ---- history ----
  function remember() {
    state.undo.push(JSON.stringify(state.layout));
    if (state.undo.length > 200) state.undo.shift();
    state.redo = [];
  }
  function step(from, to) {
    if (!from.length) return;
    to.push(JSON.stringify(state.layout));
    state.layout = JSON.parse(from.pop());
    if (state.sel >= state.layout.element.length) state.sel = -1;
    changed();
  }
  function changed() {
    root.setAttribute("data-dirty", "true");
    say(msg("unsaved"));
    render();
    schedulePreview();
  }

  // ---- selecting, dragging, resizing, nudging ----
  function select(i) {
    state.sel = i;
    render();
    var b = boxes.querySelector("[data-i='" + i + "']");
    if (b) b.focus({ preventScroll: true });
  }
  var drag = null;
  boxes.addEventListener("pointerdown", function (ev) {
    var b = ev.target.closest(".d-box");
    if (!b) return;
    var i = +b.getAttribute("data-i");
    if (i !== state.sel) select(i);
    if (!canWrite || ev.button !== 0) return;
    var node = boxes.querySelector("[data-i='" + i + "']");
    drag = {
      i: i, node: node, x: ev.clientX, y: ev.clientY,
      box: state.layout.element[i].box.slice(),
      resize: !!ev.target.closest(".d-handle"), before: JSON.stringify(state.layout), moved: false
    };
    node.setPointerCapture(ev.pointerId);
    ev.preventDefault();
  });
  boxes.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var k = pxPerMm(), dx = (ev.clientX - drag.x) / k, dy = (ev.clientY - drag.y) / k;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 0.3) return;
    drag.moved = true;
    var b = drag.box.slice();
    if (drag.resize) { b[2] += dx; b[3] += dy; } else { b[0] += dx; b[1] += dy; b = snap(b, drag.i); }
    b = clampBox(b);
    state.layout.element[drag.i].box = b;
    place(drag.node, b);
  });
  function endDrag() {
    if (!drag) return;
    var d = drag;
    drag = null;
    if (!d.moved) return;
    state.undo.push(d.before);
    state.redo = [];
    changed();
    select(d.i);
  }
  boxes.addEventListener("pointerup", endDrag);
  boxes.addEventListener("pointercancel", endDrag);
  boxes.addEventListener("keydown", function (ev) {
    var b = ev.target.closest(".d-box");
    if (!b || !canWrite) return;
    var moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    var m = moves[ev.key];
    if (!m) return;
    ev.preventDefault();
    var i = +b.getAttribute("data-i"), step = ev.shiftKey ? 5 : 0.5;
    state.sel = i;
    remember();
    var box = state.layout.element[i].box.slice();
    if (ev.altKey) { box[2] += m[0] * step; box[3] += m[1] * step; }
    else { box[0] += m[0] * step; box[1] += m[1] * step; }
    state.layout.element[i].box = clampBox(box);
    changed();
    select(i);
  });
  document.addEventListener("keydown", function (ev) {
    if (!(ev.ctrlKey || ev.metaKey) || ev.target.matches("input, textarea, select")) return;
    var key = ev.key.toLowerCase();
    if (key === "z" && !ev.shiftKey) { ev.preventDefault(); step(state.undo, state.redo); }
    else if (key === "y" || (key === "z" && ev.shiftKey)) { ev.preventDefault(); step(state.redo, state.undo); }
  });

  // ---- the toolbar ----
  function freeName(base) {
    var n = 1, names = state.layout.element.map(function (e) { return e.name; });
    while (names.indexOf(base + "_" + n) >= 0) n++;
    return base + "_" + n;
  }
  var actions = {
    undo: function () { step(state.undo, state.redo); },
    redo: function () { step(state.redo, state.undo); },
    "add-field": function () { add({ name: freeName("field"), layer: "variable", field: "recipient_name", size: 16, min_size: 10 }); },
    "add-text": function () { add({ name: freeName("text"), layer: "static", text: msg("new-text"), size: 14 }); },
    "add-qr": function () { add({ name: freeName("qr"), kind: "qr", layer: "variable" }, [24, 24]); },
    "add-emblem": function () { add({ name: freeName("emblem"), kind: "emblem", layer: "static" }, [24, 24]); },
    remove: function () {
      if (state.sel < 0) return;
      remember();
      state.layout.element.splice(state.sel, 1);
      state.sel = -1;
      changed();
    },
    save: save,
    check: checkAll
  };
  function add(e, size) {
    var p = paper(), wh = size || [80, 12];
    e.box = clampBox([p[0] / 2 - wh[0] / 2, p[1] / 2 - wh[1] / 2, wh[0], wh[1]]);
    remember();
    state.layout.element.push(e);
    state.sel = state.layout.element.length - 1;
    changed();
    select(state.sel);
  }
  root.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-act]");
    if (!b || !actions[b.getAttribute("data-act")]) return;
    ev.preventDefault();
    actions[b.getAttribute("data-act")]();
  });
  root.querySelectorAll("[data-layout]").forEach(function (c) {
    c.addEventListener("change", function () {
      remember();
      state.layout[c.getAttribute("data-layout")] = c.value;
      changed();
    });
  });

  // ---- preview ----
  var timer = null, seq = 0, since = null;
  function schedulePreview() {
    if (since === null) since = performance.now();
    clearTimeout(timer);
    timer = setTimeout(preview, 15);
  }
  function mode() {
    var m = root.querySelector("input[name=d-mode]:checked");
    return m ? m.value : "full";
  }
  function preview() {
    var mine = ++seq, started = since === null ? performance.now() : since;
    since = null;
    var body = { layout: state.layout, mode: mode() };
    if (recipient && recipient.value) body.recipient = +recipient.value;
    json("POST", api + "/preview", body).then(function (res) {
      if (mine !== seq) return;
      if (!res.ok) { say(problem(res), "bad"); return; }
      previewLayer.innerHTML = res.data.svg;
      mark(res.data.report || []);
      var ms = Math.round(performance.now() - started);
      root.previewTimes.push(ms);
      root.setAttribute("data-previews", root.previewTimes.length);
      var shown = root.querySelector("#d-latency");
      if (shown) shown.textContent = msg("preview-ms").replace("{ms}", ms);
    });
  }
  function mark(items) {
    report.textContent = "";
    boxes.querySelectorAll(".d-box").forEach(function (b) { b.classList.remove("shrunk", "wrapped", "overflow"); });
    items.forEach(function (r) {
      var kind = r.missing_glyphs && r.missing_glyphs.length ? "missing_glyphs" : r.outcome;
      if (kind === "fitted" || kind === "empty") return;
      var b = boxes.querySelector(".d-box[data-name='" + String(r.element).replace(/['\\]/g, "") + "']");
      if (b) b.classList.add(kind === "shrunk" || kind === "wrapped" ? kind : "overflow");
      var li = document.createElement("li");
      li.className = kind;
      var named = elementLabel(r.element);
      li.textContent = kind === "missing_glyphs"
        ? r.missing_glyphs.map(function (g) {
            return msg("missing-glyph").replace("{element}", named).replace("{char}", g.char).replace("{code}", g.code);
          }).join(" ")
        : msg(r.problem ? "problem-" + r.problem : "outcome-" + kind).replace("{element}", named)
            .replace("{size}", r.size).replace("{set}", Math.round(r.set_size * 10) / 10)
            .replace("{lines}", r.lines).replace("{min}", r.min_size).replace("{max}", r.max_lines);
      report.appendChild(li);
    });
    report.hidden = !report.children.length;
  }
  if (recipient) recipient.addEventListener("change", schedulePreview);
  // Any recipient of this kind, found by name or unit (the list holds only the longest
  // names): the first matches replace the choices, and the first is shown.
  var find = document.getElementById("d-find"), finding = 0, findTimer = null;
  if (find && recipient) find.addEventListener("input", function () {
    clearTimeout(findTimer);
    findTimer = setTimeout(function () {
      var q = find.value.trim(), mine = ++finding;
      if (!q) return;
      var kinds = (find.getAttribute("data-decisions") || "").split(",");
      json("GET", find.getAttribute("data-api") + "?limit=100&q=" + encodeURIComponent(q)).then(function (res) {
        if (mine !== finding || !res.ok) return;
        var found = (res.data.items || []).filter(function (r) { return kinds.indexOf(String(r.decision_id)) >= 0; });
        if (!found.length) { say(msg("none-found"), "bad"); return; }
        recipient.innerHTML = "";
        found.slice(0, 20).forEach(function (r) {
          var o = document.createElement("option");
          o.value = r.id;
          o.textContent = r.name;
          recipient.appendChild(o);
        });
        schedulePreview();
      });
    }, 250);
  });
  root.querySelectorAll("input[name=d-mode]").forEach(function (r) {
    r.addEventListener("change", function () {
      root.setAttribute("data-mode", mode());
      schedulePreview();
    });
  });

  // ---- saving, versions, checking every recipient ----
  function save() {
    say(msg("saving"));
    var headers = state.etag ? { "If-Match": state.etag } : {};
    json("PUT", api, { layout: state.layout }, headers).then(function (res) {
      if (res.status === 412) { say(msg("conflict"), "bad"); return; }
      if (!res.ok) { say(problem(res), "bad"); return; }
      state.etag = res.etag;
      root.removeAttribute("data-dirty");
      say(msg("saved").replace("{version}", res.data && res.data.version || ""), "ok");
      versions();
    });
  }
  function versions() {
    var list = document.getElementById("d-versions");
    if (!list) return;
    json("GET", api + "/versions").then(function (res) {
      if (!res.ok) return;
      list.textContent = "";
      (res.data || []).forEach(function (v, i) {
        var li = document.createElement("li");
        var text = document.createElement("span");
        var when = v.saved_at ? new Date(v.saved_at).toLocaleString(document.documentElement.lang) : msg("built-in");
        text.textContent = msg("version").replace("{version}", v.version) + " · " + when +
          (v.saved_at ? " · " + v.saved_by : "") + (v.note && !v.built_in ? " · " + v.note : "");
        li.appendChild(text);
        v.current = i === 0;
        if (canWrite && !v.current) {
          var b = document.createElement("button");
          b.type = "button";
          b.className = "d-restore";
          b.setAttribute("data-version", v.version);
          b.textContent = msg("restore");
          li.appendChild(b);
        }
        list.appendChild(li);
      });
    });
  }
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest(".d-restore");
    if (!b) return;
    json("POST", api + "/versions/" + b.getAttribute("data-version") + "/restore").then(function (res) {
      if (!res.ok) { say(problem(res), "bad"); return; }
      say(msg("restored").replace("{version}", b.getAttribute("data-version")), "ok");
      load();
    });
  });
  function checkAll() {
    var out = document.getElementById("d-check");
    say(msg("checking"));
    var started = performance.now();
    json("POST", api + "/check", { layout: state.layout }).then(function (res) {
      if (!res.ok) { say(problem(res), "bad"); return; }
      var found = res.data.findings || [];
      out.textContent = "";
      var head = document.createElement("p");
      head.textContent = (found.length ? msg("check-found") : msg("check-none"))
        .replace("{count}", found.length).replace("{checked}", res.data.checked || "")
        .replace("{ms}", Math.round(performance.now() - started));
      out.appendChild(head);
      var ul = document.createElement("ul");
      found.forEach(function (f) {
        var li = document.createElement("li");
        // Worded here from the problem's code, in the page's language.
        li.textContent = msg("finding-" + f.problem)
          .replace("{recipient}", f.recipient || "")
          .replace("{element}", f.element ? elementLabel(f.element) : "");
        ul.appendChild(li);
      });
      out.appendChild(ul);
      say("");
    });
  }

  // ---- the blank behind the boxes ----
  var upload = document.getElementById("d-blank-file");
  if (upload) upload.addEventListener("change", function () {
    if (!upload.files.length) return;
    var data = new FormData();
    data.append("file", upload.files[0]);
    say(msg("uploading"));
    fetch(api + "/background", { method: "PUT", credentials: "same-origin", body: data, headers: { Accept: "application/json" } })
      .then(function (r) { return r.text().then(function (t) { var d = null; try { d = JSON.parse(t); } catch (e) { d = null; } return { ok: r.ok, status: r.status, data: d }; }); })
      .then(function (res) {
        upload.value = "";
        if (!res.ok) { say(problem(res), "bad"); return; }
        say(msg("uploaded"), "ok");
        background();
      });
  });
  function background() {
    json("GET", api + "/background/placement").then(function (res) {
      state.background = res.ok ? (res.data || {}) : null;
      if (state.background && blank) blank.src = api + "/background?v=" + Date.now();
      placeBackground();
    });
  }

  function load() {
    json("GET", api).then(function (res) {
      if (!res.ok) { say(problem(res), "bad"); return; }
      state.etag = res.etag;
      state.layout = res.data.layout;
      state.undo = [];
      state.redo = [];
      root.querySelectorAll("[data-layout]").forEach(function (c) {
        c.value = state.layout[c.getAttribute("data-layout")] || c.value;
      });
      render();
      preview();
      versions();
      root.setAttribute("data-ready", "true");
    });
  }
  window.addEventListener("beforeunload", function (ev) {
    if (root.hasAttribute("data-dirty")) { ev.preventDefault(); ev.returnValue = ""; }
  });
  window.addEventListener("resize", function () { if (state.layout) render(); });
  load();
  // Only a layout with a background has a placement to ask for (none answers 404).
  if (root.getAttribute("data-has-background") === "true") background();
})();
