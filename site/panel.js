// The controls over the plot. They only send commands to the module; what
// they show follows the summaries it pushes.

import { $ } from "./page.js";

const MAX_IMPORT = 8 * 1024 * 1024;

// bindPanel fills the controls' choices from the module, binds them, and
// returns the consumer of pushed summaries that shows the state in them.
// ui gives notice(message, kind) for the line under the controls and
// writeHash() to put the scene in the link at once.
export function bindPanel(api, ui) {
  let last = null;

  // attempt applies a change and shows a failure on the notice line rather
  // than losing it in the console; after a refusal the controls show again
  // the value that still holds.
  function attempt(f) {
    try {
      f();
      ui.notice("");
    } catch (e) {
      ui.notice(e.message);
      if (last) sync(last, true);
    }
  }

  fillChoices(api.options());
  const clouds = ["article", "small"];

  const on = (id, event, f) => $(id).addEventListener(event, (e) => attempt(() => f(e.target)));
  const num = (el) => (el.value === "" ? NaN : Number(el.value));
  on("eps", "input", (el) => api.set({ epsilon: Number(el.value) }));
  on("eps-num", "change", (el) => api.set({ epsilon: num(el) }));
  on("attack", "change", (el) => api.set({ attack: { method: el.value } }));
  on("recipe", "change", (el) => api.set({ training: { recipe: el.value } }));
  on("model", "change", (el) => api.set({ model: { kind: el.value } }));
  on("layers", "change", (el) => api.set({ model: { hidden: el.value.split(",").map((v) => v.trim()).filter((v) => v !== "").map(Number) } }));
  on("activation", "change", (el) => api.set({ model: { activation: el.value } }));
  on("optimizer", "change", (el) => api.set({ training: { optimizer: el.value } }));
  on("epochs", "change", (el) => api.set({ training: { epochs: num(el) } }));
  on("defense", "change", (el) => api.set({ defense: { method: el.value } }));
  on("defense-eps", "change", (el) => api.set({ defense: { epsilon: num(el) } }));
  on("preset", "change", (el) => api.set({ preset: el.value }));
  const options = api.options();
  const dims = options.dimension.map((o) => Number(o.value));
  $("dimension").max = String(dims.length - 1);
  on("dimension", "input", (el) => api.set({ dimension: dims[Number(el.value)] }));
  on("glyphs", "change", (el) => api.set({ glyphs: el.value }));
  on("chart-mode", "change", (el) => api.set({ chart: { mode: el.value } }));
  on("seed", "change", (el) => api.set({ seed: num(el) }));
  on("n", "change", (el) => api.set({ n: num(el) }));
  on("noise", "change", (el) => api.set({ noise: num(el) }));
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
  on("pause", "click", () => api.set({ training: { running: !(last && last.training.running) } }));
  on("share", "click", () => {
    ui.writeHash();
    copy(location.href, "Link copied.");
  });
  on("embed", "click", () => {
    ui.writeHash();
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
      }, (e) => ui.notice(e.message));
    }
  });
  on("import-button", "click", () => $("import").click());
  on("import", "change", (el) => {
    if (el.files && el.files[0]) importFile(el.files[0]);
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
    if (f) importFile(f);
  }, true);
  $("collapse").addEventListener("click", () => {
    const body = $("panel-body");
    body.hidden = !body.hidden;
    $("collapse").setAttribute("aria-expanded", String(!body.hidden));
    $("collapse").textContent = body.hidden ? "▸" : "▾";
  });
  // Enter in a number field must not submit the form.
  $("panel").addEventListener("submit", (e) => e.preventDefault());

  function importFile(file) {
    if (file.size > MAX_IMPORT) {
      ui.notice(file.name + " is " + (file.size / 1048576).toFixed(1) + " MB; files up to 8 MB can be imported.");
      return;
    }
    file.text().then((text) => {
      attempt(() => api.importCSV(text));
      if (!$("notice").textContent) ui.notice("Loaded " + file.name + ".", "info");
    }, () => ui.notice("Could not read " + file.name + "."));
  }

  function copy(text, done, report) {
    const say = report || ((m) => ui.notice(m, "info"));
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

  // sync shows the state in the controls. It leaves alone the control
  // being edited, unless force.
  function sync(s, force) {
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
    const cloud = clouds.includes(s.preset);
    $("dimension-row").hidden = !cloud;
    $("chart-row").hidden = !cloud;
    $("glyphs-row").hidden = s.preset !== "glyphs";
    $("hint-high").hidden = !(s.dimension > 2);
    if (cloud) {
      // The slider sits on the stop nearest the dimension.
      let k = 0;
      dims.forEach((d, i) => { if (Math.abs(Math.log2(d / s.dimension)) < Math.abs(Math.log2(dims[k] / s.dimension))) k = i; });
      set("dimension", "value", String(k));
      $("dimension").setAttribute("aria-valuetext", s.dimension + " dimensions");
      $("dimension-value").textContent = String(s.dimension);
    }
    if (s.glyphs) set("glyphs", "value", s.glyphs);
    set("chart-mode", "value", s.chart.mode);
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
    $("recipe-row").hidden = mlp || s.defense.method !== "none" || s.dimension > 2;
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

  return {
    attempt,
    update(s) {
      last = s;
      sync(s, false);
    },
  };
}

// fillChoices fills the lists of choices from the module's own, so that
// they cannot drift from what it accepts.
function fillChoices(options) {
  for (const [id, setting] of [["attack", "attack"], ["model", "model"], ["activation", "activation"], ["recipe", "recipe"],
    ["optimizer", "optimizer"], ["defense", "defense"], ["preset", "preset"], ["chart-mode", "chart"]]) {
    const select = $(id);
    select.replaceChildren(...options[setting].map((o) => {
      const el = document.createElement("option");
      el.value = o.value;
      el.textContent = o.label;
      if (o.title) el.title = o.title;
      return el;
    }));
  }
}

// The chart's table sits in the panel with the full controls, and is kept
// for screen readers alone when the panel is slim or hidden. Out of sight
// it is open and out of the tab order: a tab stop that cannot be seen
// would lose a sighted keyboard user.
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

// showEmbed opens the Embed dialog with the current scene as an iframe, a
// Hugo shortcode and a Jekyll include. The figure gets the slim controls:
// at 720×480 the full panel would cover a third of the plot.
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

function download(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
