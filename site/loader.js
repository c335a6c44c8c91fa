// advplay's loader for play.html: it downloads and starts main.wasm, shows
// progress and readable failures, and wires the module to the page. Data
// flows one way: the controls (panel.js), a host page's messages and the
// link (share.js) send commands through window.advplay; the module pushes
// one versioned summary after each batch of commands and each frame that
// changed what the page shows, to the one callback registered here, which
// hands it to each part of the page (the controls, the readout, the
// gallery, the link, the host page, the notice, the plot's box for the
// overlays) and fires advplay:change on window. The module changes the
// page in no other way.

import { $, params, option, CONTROLS } from "./page.js";
import { bindPanel } from "./panel.js";
import { bindReadout } from "./readout.js";
import { bindGallery } from "./gallery.js";
import { listenHash, listenHost, replyOrigin } from "./share.js";

const controlsParam = option("controls", CONTROLS, "full");
document.documentElement.dataset.controls = controlsParam;

// ---- Failure and progress -------------------------------------------------
// fail says why the module cannot start or has stopped. A poster still
// shown (poster.js) stays, under a card saying so.
function fail(message) {
  $("panel").hidden = true;
  const box = $("loading");
  box.classList.add("failed");
  const poster = $("poster");
  const pictured = poster && !poster.hidden;
  $("loading-text").textContent = message + (pictured ? " What you see is only a picture of the figure." : "");
  $("loading-bar").hidden = true;
  $("start").hidden = true;
  box.hidden = false;
}

// hidePoster takes the poster away once the module has drawn the figure
// over it: the canvas shows in the same paint.
function hidePoster() {
  const poster = $("poster");
  if (!poster || poster.hidden) return;
  poster.hidden = true;
  poster.removeAttribute("src");
  delete document.documentElement.dataset.poster;
}

// notice shows one line under the controls: a problem (the default) or,
// with kind "info", a confirmation.
function notice(message, kind) {
  const n = $("notice");
  n.textContent = message;
  n.className = kind || "error";
  n.hidden = !message;
}

function webglAvailable() {
  try {
    const c = document.createElement("canvas");
    return !!(c.getContext("webgl2") || c.getContext("webgl"));
  } catch (e) {
    return false;
  }
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

// compileInWorker has the compiler worker (compile.js) download and
// compile main.wasm off the main thread, and resolves to the compiled
// module; to null when the worker cannot do it (no workers, or one that
// may not compile), so that the page compiles it itself.
function compileInWorker() {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker("compile.js");
    } catch (e) {
      resolve(null);
      return;
    }
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.type === "progress") {
        progress(m.received, m.total);
        return;
      }
      worker.terminate();
      if (m.type === "module") resolve(m.module);
      else if (m.download) reject(new Error(m.message));
      else resolve(null);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      resolve(null);
    };
    worker.postMessage({ url: new URL("main.wasm", location.href).href, total: rawSize });
  });
}

// compileHere downloads main.wasm and compiles it on the main thread.
async function compileHere() {
  const response = await fetch("main.wasm");
  if (!response.ok) {
    throw new Error("main.wasm could not be downloaded (HTTP " + response.status + ").");
  }
  const encoded = response.headers.get("Content-Encoding");
  const length = Number(response.headers.get("Content-Length")) || 0;
  const bytes = await readAll(response, !encoded && length ? length : rawSize);
  return WebAssembly.compile(bytes);
}

// instantiate compiles main.wasm, in the compiler worker if it can, and
// instantiates it for go.
async function instantiate(go) {
  const module = (await compileInWorker()) || (await compileHere());
  mark("advplay:compiled");
  const instance = await WebAssembly.instantiate(module, go.importObject);
  mark("advplay:instantiated");
  return instance;
}

// ---- The module's side of the page --------------------------------------------
// Go cannot throw into JavaScript, so its functions return an Error on
// failure; the wrapper throws it.
function unwrap(v) {
  if (v instanceof Error) throw v;
  return v;
}

let consumers = [];
let noticeSeq = 0;

// showPush shows what a summary says beyond its consumers: the notice
// line, and the plot's box, where the readout and the gallery sit.
function showPush(s) {
  if (s.notice && s.notice.seq !== noticeSeq) {
    noticeSeq = s.notice.seq;
    notice(s.notice.text, s.notice.kind);
  }
  const style = document.documentElement.style;
  for (const side of ["top", "right", "bottom", "left"]) {
    const v = s.plot[side].toFixed(1) + "px";
    if (style.getPropertyValue("--plot-" + side) !== v) style.setProperty("--plot-" + side, v);
  }
}

// placeCanvas puts Ebiten's canvas, which its package initialization
// appended to the body, first in the plot's area and out of the tab order
// until the module is ready: until then the loading screen's Start button
// is the figure's one tab stop, and a canvas moved while it has the focus
// would drop it. A plot that takes its own keys: screen readers pass them
// through to an application, and read its label and the scene's
// description.
function placeCanvas() {
  const canvas = document.querySelector("canvas");
  const home = $("plot-area");
  if (!canvas || canvas.parentElement === home) return;
  // A module that installed its API already has made it a tab stop.
  canvas.tabIndex = window.advplay ? 0 : -1;
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-roledescription", "plot");
  canvas.setAttribute("aria-label", "advplay plot");
  canvas.setAttribute("aria-describedby", "plot-description plot-keys");
  home.insertBefore(canvas, home.firstChild);
}

// advplayBoot is what the module looks for when it starts: started says
// its canvas exists, install hands over its functions, drawn says the
// first frame is on the screen, push brings each summary, and
// flattenPoints reads a long array of points in one call.
window.advplayBoot = {
  // started: the module's packages are initialized, Ebiten's canvas made.
  started: placeCanvas,
  install(raw) {
    const api = {};
    for (const name of Object.keys(raw)) {
      api[name] = (...args) => unwrap(raw[name](...args));
    }
    Object.freeze(api);
    window.advplay = api;
    const canvas = document.querySelector("canvas");
    if (canvas) canvas.tabIndex = 0;
    // Hiding the loading screen takes the focus from its Start button: a
    // reader who tabbed to it, and has not moved on, finds the plot
    // focused instead, with no moment in between when the focus is
    // nowhere and the next Tab would make the figure two tab stops.
    if (document.activeElement === $("start") && canvas) canvas.focus();
    // A host page that focuses the figure as a whole (as <adv-play> does
    // for a reader who started it from the keyboard) puts the focus on
    // the plot, not on the page's body.
    if (window.parent !== window) window.addEventListener("focus", () => setTimeout(() => {
      if (document.activeElement === document.body && canvas) canvas.focus();
    }));
    $("loading").hidden = true;
    $("panel").inert = false;
    let hash = null;
    const panel = bindPanel(api, { notice, share: (then) => hash && hash.share(then) });
    const ui = { notice, attempt: panel.attempt };
    // An explicit controls= in the query wins over the one in a shared scene.
    if (params.has("controls")) ui.attempt(() => api.set({ show: { controls: controlsParam } }));
    hash = listenHash(api, ui, api.options().localLink);
    consumers = [panel, bindReadout(), bindGallery(), hash, listenHost(raw)];
    window.dispatchEvent(new CustomEvent("advplay:ready"));
    if (window.parent !== window) {
      window.parent.postMessage({ type: "advplay:ready" }, replyOrigin);
    }
  },
  // drawn: the module has drawn its first frame.
  drawn: hidePoster,
  push(summary) {
    showPush(summary);
    for (const c of consumers) c.update(summary);
    // A push that brings only the link is no change of the scene.
    if (!summary.linkOnly) window.dispatchEvent(new CustomEvent("advplay:change", { detail: summary }));
  },
  // flattenPoints turns [{x, y, label}, …] into a Float64Array
  // [x0, y0, label0, x1, …], with NaN for an item it cannot read as
  // numbers; the module reads those one by one (and parses labels such as
  // "red" itself).
  flattenPoints(points) {
    const values = new Float64Array(3 * points.length);
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      const ok = p !== null && typeof p === "object" && !Array.isArray(p) && Object.keys(p).length === 3 &&
        typeof p.x === "number" && typeof p.y === "number" && (p.label === 0 || p.label === 1);
      values[3 * i] = ok ? p.x : NaN;
      values[3 * i + 1] = ok ? p.y : NaN;
      values[3 * i + 2] = ok ? p.label : NaN;
    }
    return values;
  },
};

// ---- Start ------------------------------------------------------------------------
// An embed starts only when it comes near the host page's viewport, so a
// post with several figures does not download and start them all at once.
// Inside an iframe the observer's implicit root is the top page's viewport;
// the margin only counts for a host on the same origin. Until then the
// figure is one tab stop, a Start button; a reader who tabs to it brings it
// into view, and the plot takes the focus over.
//
// start=now starts at once: the host page has waited itself, as
// <adv-play> does.
const startParam = option("start", ["view", "now"], "view");
function whenNearView() {
  if (window.parent === window || startParam !== "view" || typeof IntersectionObserver !== "function") return Promise.resolve();
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

// mark sets a performance mark, which names the start's steps in the
// browser's timeline (and in the start-up test).
function mark(name) {
  if (window.performance && performance.mark) performance.mark(name);
}

if (typeof WebAssembly !== "object" || typeof Go !== "function") {
  fail("This browser cannot run WebAssembly, which advplay needs. Try a current Firefox, Chrome, Safari or Edge.");
} else if (!webglAvailable()) {
  fail("This browser has WebGL turned off or unavailable, and advplay draws with it. Enable hardware acceleration or try another browser.");
} else {
  // The module's start is long work for the main thread: each step gets a
  // task of its own, so that the page answers input between them.
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const go = new Go();
  whenNearView()
    .then(() => { mark("advplay:fetch"); return instantiate(go); })
    .then((instance) => nextTask().then(() => {
      // go.run returns once the module first pauses, in the middle of
      // its packages' initialization (wasm/initpause); the module places
      // Ebiten's canvas when it exists (advplayBoot.started).
      mark("advplay:run");
      return go.run(instance);
    }))
    .then(() => fail("The playground stopped unexpectedly. Reload the page to start again."))
    .catch((e) => fail("The playground could not start: " + e.message));
}
