// advplay's one loader. On play.html it downloads and starts main.wasm,
// shows progress and readable failures, wraps the Go functions as
// window.advplay, and binds the HTML controls to that same API. On the
// story page it drives the embedded playground.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);

  // ---- Page options from the query string --------------------------------
  const THEMES = ["light", "dark", "transparent"];
  const CONTROLS = ["full", "minimal", "none"];
  function option(name, allowed, fallback) {
    const v = params.get(name);
    return allowed.includes(v) ? v : fallback;
  }
  document.documentElement.dataset.theme = option("theme", THEMES, "light");

  if (!document.body.classList.contains("play")) {
    if (document.body.classList.contains("story")) storyPage();
    return;
  }

  // ---- The story page ---------------------------------------------------------
  // "Reproduce the table" runs the article's experiment in the embedded
  // playground (same origin, so its window.advplay is at hand) and fills
  // the table's live column.
  function storyPage() {
    const frame = $("playground");
    const button = $("run-article");
    const status = $("run-status");
    if (!frame || !button || !status) return;
    button.addEventListener("click", () => {
      const api = frame.contentWindow && frame.contentWindow.advplay;
      if (!api) {
        status.textContent = "The playground is still loading; try again in a moment.";
        const still = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
        frame.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "center" });
        return;
      }
      button.disabled = true;
      try {
        api.set({ preset: "article", seed: 1, epsilon: 0, attack: { method: "fgsm" }, model: { kind: "logreg" }, defense: { method: "none" }, training: { recipe: "article" } });
      } catch (e) {
        status.textContent = e.message;
        button.disabled = false;
        return;
      }
      const poll = setInterval(() => {
        const t = api.summary().training;
        status.textContent = "Training as the article did: epoch " + t.epoch.toLocaleString() + " of " + t.epochs.toLocaleString() + "…";
        if (t.running) return;
        clearInterval(poll);
        for (const row of document.querySelectorAll("#article-table tbody tr[data-eps]")) {
          api.set({ epsilon: Number(row.dataset.eps) });
          const cell = row.querySelector("td.live");
          if (cell) cell.textContent = (100 * api.summary().metrics.adversarialError).toFixed(1) + " %";
        }
        api.set({ epsilon: 0.2 });
        status.textContent = "Done: 20,000 epochs on 2×10,000 points, seed 1.";
        button.disabled = false;
      }, 250);
    });
  }
  const controlsParam = option("controls", CONTROLS, "full");
  document.documentElement.dataset.controls = controlsParam;

  // Messages are accepted from the embedding page whatever its origin,
  // since the playground holds no secrets; origin=… restricts them to one
  // origin, which is also where replies go.
  const allowedOrigin = params.get("origin");
  const replyOrigin = allowedOrigin || "*";

  // ---- Failure and progress -------------------------------------------------
  function fail(message) {
    $("panel").hidden = true;
    const box = $("loading");
    box.classList.add("failed");
    $("loading-text").textContent = message;
    $("loading-bar").hidden = true;
    box.hidden = false;
  }

  function webglAvailable() {
    try {
      const c = document.createElement("canvas");
      return !!(c.getContext("webgl2") || c.getContext("webgl"));
    } catch (e) {
      return false;
    }
  }

  if (typeof WebAssembly !== "object" || typeof Go !== "function") {
    fail("This browser cannot run WebAssembly, which advplay needs. Try a current Firefox, Chrome, Safari or Edge.");
    return;
  }
  if (!webglAvailable()) {
    fail("This browser has WebGL turned off or unavailable, and advplay draws with it. Enable hardware acceleration or try another browser.");
    return;
  }

  // The uncompressed size, written by the build, gives the progress bar a
  // total even when the server compresses main.wasm on the fly.
  const sizeMeta = document.querySelector('meta[name="advplay-wasm-size"]');
  const rawSize = sizeMeta ? Number(sizeMeta.content) || 0 : 0;

  function progress(received, total) {
    const bar = $("loading-bar");
    bar.value = total > 0 ? Math.min(received / total, 1) : 0;
    $("loading-text").textContent = "Loading the playground… " + (received / 1048576).toFixed(1) + " MB";
  }

  // readAll reads a response body into one buffer, reporting progress.
  async function readAll(response, total) {
    if (!response.body || !response.body.getReader) {
      const buf = await response.arrayBuffer();
      progress(buf.byteLength, buf.byteLength);
      return buf;
    }
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      progress(received, total);
    }
    const out = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out.buffer;
  }

  // instantiate compiles main.wasm while it streams in when the server
  // labels it application/wasm, and otherwise falls back to compiling the
  // downloaded ArrayBuffer, which works whatever the MIME type.
  async function instantiate(go) {
    const response = await fetch("main.wasm");
    if (!response.ok) {
      throw new Error("main.wasm could not be downloaded (HTTP " + response.status + ").");
    }
    const encoded = response.headers.get("Content-Encoding");
    const length = Number(response.headers.get("Content-Length")) || 0;
    const total = !encoded && length ? length : rawSize;
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    if (type === "application/wasm" && WebAssembly.instantiateStreaming && response.body) {
      const [forCompile, forProgress] = response.body.tee();
      const counting = readAll(new Response(forProgress), total);
      const streamed = new Response(forCompile, { headers: { "Content-Type": "application/wasm" } });
      const result = await WebAssembly.instantiateStreaming(streamed, go.importObject);
      await counting;
      return result.instance;
    }
    const bytes = await readAll(response, total);
    const result = await WebAssembly.instantiate(bytes, go.importObject);
    return result.instance;
  }

  // ---- The JS API -------------------------------------------------------------
  // Go cannot throw into JavaScript, so its functions return an Error on
  // failure; the wrapper throws it.
  function unwrap(v) {
    if (v instanceof Error) throw v;
    return v;
  }

  const listeners = [];
  // The calls that can change the scene; after them the controls, the
  // link and a host page are told.
  const MUTATING = new Set(["set", "addPoint", "removePoint", "clear", "reset", "loadHash", "importCSV"]);

  window.advplayInstall = function (raw) {
    const api = {};
    for (const name of Object.keys(raw)) {
      api[name] = (...args) => {
        const v = unwrap(raw[name](...args));
        if (MUTATING.has(name)) changed();
        return v;
      };
    }
    Object.freeze(api);
    window.advplay = api;
    $("loading").hidden = true;
    $("panel").inert = false;
    // An explicit controls= in the query wins over the one in a shared scene.
    if (params.has("controls")) {
      attempt(() => raw.set({ show: { controls: controlsParam } }));
    }
    bindControls(api);
    listenMessages(raw);
    listenHash(raw);
    // The Start button had the focus, and the reader has not moved on:
    // the plot takes it over.
    if (document.activeElement === $("start")) {
      const canvas = document.querySelector("canvas");
      if (canvas) canvas.focus();
    }
    window.dispatchEvent(new CustomEvent("advplay:ready"));
    if (window.parent !== window) {
      window.parent.postMessage({ type: "advplay:ready" }, replyOrigin);
    }
  };

  // ---- postMessage from a host page -----------------------------------------------
  function listenMessages(raw) {
    window.addEventListener("message", (e) => {
      if (e.source !== window.parent || e.source === window) return;
      if (allowedOrigin && e.origin !== allowedOrigin) return;
      const reply = raw.message(e.data);
      if (reply === null || reply === undefined) return;
      changed();
      e.source.postMessage(reply, allowedOrigin || (e.origin === "null" ? "*" : e.origin));
    });
  }

  // ---- The scene in the URL --------------------------------------------------------
  // Every change is written to the #fragment (throttled), so a reload or a
  // shared link restores the exact scene. A scene too large for a link is
  // kept in this tab's sessionStorage instead.
  const MAX_HASH = 200000;
  let writtenHash = location.hash;
  let hashTimer = 0;

  function listenHash(raw) {
    window.addEventListener("hashchange", () => {
      if (location.hash === writtenHash) return;
      writtenHash = location.hash;
      attempt(() => window.advplay.loadHash(restorable(location.hash)));
    });
    if (location.hash.startsWith("#local=")) {
      // A reload of this tab: go on with the same copy.
      localKey = location.hash.slice(7);
      attempt(() => window.advplay.loadHash(restorable(location.hash)));
    }
  }

  function restorable(hash) {
    if (!hash.startsWith("#local=")) return hash;
    let saved = null;
    try {
      saved = sessionStorage.getItem("advplay:" + hash.slice(7));
    } catch (e) {
      // Storage is blocked (a sandboxed or third-party frame).
    }
    if (!saved) throw new Error("This link points to a scene kept in another tab; it cannot be restored here.");
    return saved;
  }

  function scheduleHash() {
    if (hashTimer) return;
    hashTimer = setTimeout(() => {
      hashTimer = 0;
      writeHash();
    }, 300);
  }

  // localKey names this tab's copy of a scene too large for a link: one
  // per tab, overwritten, so that storage does not fill with old copies.
  let localKey = Math.random().toString(36).slice(2, 10);
  let lastScene = "";

  function writeHash() {
    if (hashTimer) {
      clearTimeout(hashTimer);
      hashTimer = 0;
    }
    if (!window.advplay) return;
    const scene = "#" + window.advplay.hash();
    if (scene === lastScene) return;
    let h = scene;
    if (h.length > MAX_HASH) {
      try {
        sessionStorage.setItem("advplay:" + localKey, h);
        h = "#local=" + localKey;
      } catch (e) {
        notice("This scene is too large to keep in the link or in this tab; a refresh will lose it.");
        return;
      }
    }
    lastScene = scene;
    if (h !== location.hash) {
      writtenHash = h;
      history.replaceState(null, "", h);
    }
  }

  // A refresh or a closed tab must not lose the last 300 ms of edits.
  window.addEventListener("pagehide", writeHash);

  // ---- Change notices to a host page -------------------------------------------------
  let changeTimer = 0;
  function scheduleChangeMessage() {
    if (window.parent === window || changeTimer) return;
    changeTimer = setTimeout(() => {
      changeTimer = 0;
      const state = window.advplay.summary();
      window.parent.postMessage({ type: "advplay:change", state }, replyOrigin);
    }, 200);
  }

  // advplayChanged is called by Go after a frame that changed the scene,
  // with the summary of the state it drew.
  window.advplayChanged = function (summary) {
    changed(false, summary);
  };

  // advplayPoints flattens an array of {x, y, label} objects, label 0, 1,
  // "red" or "blue", into values [x0, y0, label0, x1, …] for Go to read in
  // one call. It stops at the first item of another shape and returns its
  // index as bad (−1 if none), for Go to read that one item by itself and
  // say what is wrong with it.
  window.advplayPoints = function (points) {
    const values = new Float64Array(3 * points.length);
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      if (p === null || typeof p !== "object" || Array.isArray(p) || Object.keys(p).length !== 3) return { values, bad: i };
      const label = p.label === "red" ? 0 : p.label === "blue" ? 1 : p.label;
      if (typeof p.x !== "number" || typeof p.y !== "number" || (label !== 0 && label !== 1)) return { values, bad: i };
      values[3 * i] = p.x;
      values[3 * i + 1] = p.y;
      values[3 * i + 2] = label;
    }
    return { values, bad: -1 };
  };

  window.advplayNotice = function (message) {
    notice(message);
  };

  // notice shows one line under the controls: a problem (the default) or,
  // with kind "info", a confirmation.
  function notice(message, kind) {
    const n = $("notice");
    n.textContent = message;
    n.className = kind || "error";
    n.hidden = !message;
  }

  // ---- Controls -----------------------------------------------------------------
  let syncing = false;

  function changed(force, summary) {
    if (!window.advplay || syncing) return;
    const s = summary || window.advplay.summary();
    syncing = true;
    try {
      syncControls(s, force);
    } finally {
      syncing = false;
    }
    showReadout(s.readout);
    for (const f of listeners) f(s);
    scheduleHash();
    scheduleChangeMessage();
  }

  // ---- The readout, in words ----------------------------------------------------------
  // The figures beside the plot are HTML text. A screen reader hears them
  // from the live region #live, politely: once the figures have settled
  // for a moment, and at most about once a second while they keep
  // changing (a training, a slider held down). What the keyboard did in
  // the plot is read at once, from #plot-status.
  let readoutText = "";
  let saidSeq = 0;
  let chartVersion = -1;

  function showReadout(r) {
    if (!r) return;
    const text = r.lines.map((l) => l.label + "\t" + (l.value || "")).join("\n");
    if (text !== readoutText) {
      readoutText = text;
      const box = $("readout");
      box.replaceChildren(...r.lines.map((l) => {
        const row = document.createElement("div");
        if (l.value) {
          row.className = "fig";
          const label = document.createElement("span");
          const value = document.createElement("span");
          label.textContent = l.label;
          value.textContent = l.value;
          value.className = "value";
          row.append(label, value);
        } else {
          row.className = "note";
          row.textContent = l.label;
        }
        return row;
      }));
      box.hidden = false;
    }
    const desc = $("plot-description");
    if (desc.textContent !== r.description) desc.textContent = r.description;
    if (r.saidSeq !== saidSeq) {
      saidSeq = r.saidSeq;
      $("plot-status").textContent = r.said;
    }
    announce(r.announcement);
    if (r.chart !== chartVersion) {
      chartVersion = r.chart;
      scheduleTable();
    }
  }

  const ANNOUNCE_QUIET = 700; // ms without change before reading
  const ANNOUNCE_EVERY = 1000; // ms between readings at most
  let announced = null;
  let announceTimer = 0;
  let pendingSince = 0;
  let pendingText = "";

  function announce(text) {
    if (announced === null) {
      // The first figures are the page's content, not news.
      announced = text;
      $("live").textContent = text;
      return;
    }
    if (text === pendingText && announceTimer) return;
    if (text === announced && !announceTimer) return;
    const now = performance.now();
    if (!announceTimer) pendingSince = now;
    pendingText = text;
    clearTimeout(announceTimer);
    const wait = Math.max(0, Math.min(ANNOUNCE_QUIET, pendingSince + ANNOUNCE_EVERY - now));
    announceTimer = setTimeout(() => {
      announceTimer = 0;
      if (pendingText === announced) return;
      announced = pendingText;
      $("live").textContent = pendingText;
    }, wait);
  }

  // The chart's series as a table, rebuilt at most once a second.
  let tableTimer = 0;
  function scheduleTable() {
    if (tableTimer) return;
    tableTimer = setTimeout(() => {
      tableTimer = 0;
      if (window.advplay) fillTable(window.advplay.chartTable());
    }, 1000);
  }

  function fillTable(t) {
    const table = $("chart-table");
    const head = document.createElement("tr");
    for (const name of ["ε"].concat(t.columns || [])) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.append(th);
    }
    table.tHead.replaceChildren(head);
    table.tBodies[0].replaceChildren(...(t.rows || []).map((row) => {
      const tr = document.createElement("tr");
      row.forEach((v, i) => {
        const cell = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) {
          cell.scope = "row";
          cell.textContent = v.toFixed(2);
        } else {
          cell.textContent = Number.isFinite(v) ? (100 * v).toFixed(2) : "–";
        }
        tr.append(cell);
      });
      return tr;
    }));
  }

  // The chart's table sits in the panel with the full controls, and is
  // kept for screen readers alone when the panel is slim or hidden.
  // Out of sight it is open and out of the tab order: a tab stop that
  // cannot be seen would lose a sighted keyboard user.
  function placeChartData(controls) {
    const d = $("chart-data");
    const full = controls === "full";
    const home = full ? $("panel-body") : $("sr-only-slot");
    if (d.parentElement !== home) {
      if (full) home.insertBefore(d, home.querySelector(".hint"));
      else home.append(d);
      d.open = !full;
      d.querySelector("summary").tabIndex = full ? 0 : -1;
    }
  }

  // syncControls shows the state in the controls. It leaves alone the
  // control being edited, unless force (after a refused change, to show
  // the value that still holds).
  function syncControls(s, force) {
    const set = (id, prop, v) => {
      const el = $(id);
      if (el && (force || document.activeElement !== el) && el[prop] !== v) el[prop] = v;
    };
    set("eps", "value", String(s.epsilon));
    set("eps-num", "value", String(s.epsilon));
    set("attack", "value", s.attack.method);
    set("recipe", "value", s.training.recipe);
    set("preset", "value", s.preset);
    set("seed", "value", String(s.seed));
    set("n", "value", String(s.n));
    set("noise", "value", String(s.noise));
    set("remove-mode", "checked", s.mode === "remove");
    set("show-arrows", "checked", s.show.arrows);
    set("show-shading", "checked", s.show.shading);
    set("show-chart", "checked", s.show.chart);
    set("show-theory", "checked", s.show.theory);
    document.documentElement.dataset.controls = s.show.controls;
    placeChartData(s.show.controls);
    for (const r of document.querySelectorAll('input[name="class"]')) {
      r.checked = Number(r.value) === s.class;
    }
    const mlp = s.model.kind === "mlp";
    set("model", "value", s.model.kind);
    set("activation", "value", s.model.activation || "tanh");
    if (mlp) set("layers", "value", s.model.hidden.join(","));
    set("optimizer", "value", s.training.optimizer);
    set("defense", "value", s.defense.method);
    set("defense-eps", "value", String(s.defense.epsilon));
    $("defense-eps").disabled = s.defense.method === "none";
    $("mlp-row").hidden = !mlp;
    // Only the article's descent and a network train frame by frame; a
    // defended logistic regression is fitted at once.
    const stepwise = mlp || s.training.method === "article";
    $("recipe-row").hidden = mlp || s.defense.method !== "none";
    $("optimizer-row").hidden = !mlp;
    if (mlp) set("epochs", "value", String(s.training.epochs));
    $("training-row").hidden = !stepwise;
    if (stepwise) {
      $("progress").max = s.training.epochs;
      $("progress").value = s.training.epoch;
      const done = s.training.epoch >= s.training.epochs || s.training.converged;
      $("pause").textContent = s.training.running ? "Pause" : done ? "Restart" : "Resume";
    }
  }

  // attempt applies a change and shows a failure on the notice line rather
  // than losing it in the console.
  function attempt(f) {
    try {
      f();
      notice("");
    } catch (e) {
      notice(e.message);
      changed(true);
    }
  }

  function bindControls(api) {
    const on = (id, event, f) => $(id).addEventListener(event, (e) => attempt(() => f(e.target)));
    on("eps", "input", (el) => api.set({ epsilon: Number(el.value) }));
    on("eps-num", "change", (el) => api.set({ epsilon: el.value === "" ? NaN : Number(el.value) }));
    on("attack", "change", (el) => api.set({ attack: { method: el.value } }));
    on("recipe", "change", (el) => api.set({ training: { recipe: el.value } }));
    on("model", "change", (el) => api.set({ model: { kind: el.value } }));
    on("layers", "change", (el) => api.set({ model: { hidden: el.value.split(",").map((v) => v.trim()).filter((v) => v !== "").map(Number) } }));
    on("activation", "change", (el) => api.set({ model: { activation: el.value } }));
    on("optimizer", "change", (el) => api.set({ training: { optimizer: el.value } }));
    on("epochs", "change", (el) => api.set({ training: { epochs: el.value === "" ? NaN : Number(el.value) } }));
    on("defense", "change", (el) => api.set({ defense: { method: el.value } }));
    on("defense-eps", "change", (el) => api.set({ defense: { epsilon: el.value === "" ? NaN : Number(el.value) } }));
    on("preset", "change", (el) => api.set({ preset: el.value }));
    on("seed", "change", (el) => api.set({ seed: el.value === "" ? NaN : Number(el.value) }));
    on("n", "change", (el) => api.set({ n: el.value === "" ? NaN : Number(el.value) }));
    on("noise", "change", (el) => api.set({ noise: el.value === "" ? NaN : Number(el.value) }));
    on("remove-mode", "change", (el) => api.set({ mode: el.checked ? "remove" : "add" }));
    for (const name of ["arrows", "shading", "chart", "theory"]) {
      on("show-" + name, "change", (el) => api.set({ show: { [name]: el.checked } }));
    }
    for (const r of document.querySelectorAll('input[name="class"]')) {
      r.addEventListener("change", () => attempt(() => api.set({ class: Number(r.value) })));
    }
    on("regenerate", "click", () => api.reset());
    on("clear", "click", () => api.clear());
    on("fit", "click", () => api.fitView());
    on("pause", "click", () => {
      const t = api.summary().training;
      api.set({ training: { running: !t.running } });
    });
    on("share", "click", () => {
      writeHash();
      copy(location.href, "Link copied.");
    });
    on("embed", "click", () => {
      writeHash();
      showEmbed();
    });
    for (const b of document.querySelectorAll("#embed-dialog [data-copy]")) {
      b.addEventListener("click", () => {
        const area = $(b.dataset.copy);
        area.select();
        copy(area.value, b.textContent.replace(/^Copy /, "") + " copied.", (m) => { $("embed-status").textContent = m; });
      });
    }
    on("export", "change", (el) => {
      const what = el.value;
      el.value = "";
      if (what === "points") download("advplay-points.csv", new Blob([api.pointsCSV()], { type: "text/csv" }));
      if (what === "curve") download("advplay-curve.csv", new Blob([api.curveCSV()], { type: "text/csv" }));
      if (what === "png") {
        api.exportPNG().then((image) => {
          const c = document.createElement("canvas");
          c.width = image.width;
          c.height = image.height;
          c.getContext("2d").putImageData(image, 0, 0);
          c.toBlob((blob) => download("advplay.png", blob), "image/png");
        }, (e) => notice(e.message));
      }
    });
    on("import-button", "click", () => $("import").click());
    on("import", "change", (el) => {
      if (el.files && el.files[0]) importFile(api, el.files[0]);
      el.value = "";
    });
    // Dropped files are ours: taken on the way down (capture, on window),
    // before Ebiten's own listener on the canvas sees them.
    const canvas = document.querySelector("canvas");
    const onCanvas = (e) => canvas && e.target === canvas;
    window.addEventListener("dragover", (e) => {
      if (onCanvas(e)) e.preventDefault();
    }, true);
    window.addEventListener("drop", (e) => {
      if (!onCanvas(e)) return;
      e.preventDefault();
      e.stopPropagation();
      const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (f) importFile(api, f);
    }, true);
    $("collapse").addEventListener("click", () => {
      const body = $("panel-body");
      body.hidden = !body.hidden;
      $("collapse").setAttribute("aria-expanded", String(!body.hidden));
      $("collapse").textContent = body.hidden ? "▸" : "▾";
    });
    // Enter in a number field must not submit the form.
    $("panel").addEventListener("submit", (e) => e.preventDefault());
    changed();
  }

  // showEmbed opens the Embed dialog with the current scene as an iframe,
  // a Hugo shortcode and a Jekyll include. The figure gets the slim
  // controls: at 720×480 the full panel would cover a third of the plot.
  function showEmbed() {
    const url = new URL(location.href);
    url.searchParams.set("controls", "minimal");
    const scene = url.hash.slice(1);
    const base = new URL(url.href);
    base.hash = "";
    base.search = "";
    const attr = (v) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    $("embed-html").value = '<iframe src="' + attr(url.href) + '" width="720" height="480"\n  title="advplay: adversarial examples playground"></iframe>';
    $("embed-hugo").value = '{{< advplay src="' + base.href + '" scene="' + scene + '" controls="minimal" >}}';
    $("embed-jekyll").value = '{% include advplay.html src="' + base.href + '" scene="' + scene + '" controls="minimal" %}';
    $("embed-status").textContent = "";
    const d = $("embed-dialog");
    if (typeof d.showModal === "function") d.showModal();
    else d.setAttribute("open", "");
    $("embed-html").focus();
    $("embed-html").select();
  }

  const MAX_IMPORT = 8 * 1024 * 1024;
  function importFile(api, file) {
    if (file.size > MAX_IMPORT) {
      notice(file.name + " is " + (file.size / 1048576).toFixed(1) + " MB; files up to 8 MB can be imported.");
      return;
    }
    file.text().then((text) => {
      attempt(() => api.importCSV(text));
      if (!$("notice").textContent) notice("Loaded " + file.name + ".", "info");
    }, () => notice("Could not read " + file.name + "."));
  }

  function download(name, blob) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  function copy(text, done, report) {
    const say = report || ((m) => notice(m, "info"));
    const fallback = () => {
      if (report) {
        report("Press Ctrl+C (⌘C) to copy the selected text.");
        return;
      }
      window.prompt("Copy this:", text);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(() => say(done), fallback);
    } else {
      fallback();
    }
  }

  // ---- Start ------------------------------------------------------------------------
  // An embed starts only when it comes near the host page's viewport, so a
  // post with several figures does not download and start them all at
  // once. Inside an iframe the observer's implicit root is the top page's
  // viewport; the margin only counts for a host on the same origin.
  // Until then the figure is one tab stop, a Start button; a reader who
  // tabs to it brings it into view, and the plot takes the focus over.
  function whenNearView() {
    if (window.parent === window || typeof IntersectionObserver !== "function") return Promise.resolve();
    const start = $("start");
    return new Promise((resolve) => {
      let started = false;
      const go = () => {
        if (started) return;
        started = true;
        io.disconnect();
        // The button keeps the focus while the figure loads, so that the
        // figure stays one tab stop; it goes away with the loading screen.
        start.textContent = "Starting…";
        start.setAttribute("aria-disabled", "true");
        $("loading-text").textContent = "Loading the playground…";
        $("loading-bar").hidden = false;
        resolve();
      };
      const io = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) go();
      }, { rootMargin: "100px" });
      io.observe(document.body);
      $("loading-text").textContent = "This figure starts when you scroll to it.";
      $("loading-bar").hidden = true;
      start.hidden = false;
      start.addEventListener("click", go);
    });
  }

  // The module's start is long work for the main thread: each step gets a
  // task of its own, so that the page answers input between them.
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const go = new Go();
  whenNearView()
    .then(() => instantiate(go))
    .then((instance) => nextTask().then(() => go.run(instance)))
    .then(() => fail("The playground stopped unexpectedly. Reload the page to start again."))
    .catch((e) => fail("The playground could not start: " + e.message));
})();
