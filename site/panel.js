// The controls over the plot. They only send commands to the module; what
// they show follows the summaries it pushes. A control with
// data-setting="path" sets that setting (the module's scene.Fields, such
// as "attack.method") and shows it; its choices, and every other rule the
// controls follow, come from advplay.options().

import { $ } from "./page.js";
import { bindActions } from "./actions.js";

// bindPanel fills the controls' choices from the module, binds them, and
// returns the consumer of pushed summaries that shows the state in them.
// ui gives notice(message, kind) for the line under the controls and
// share(then), which asks the module for the scene's link and calls then
// once the page's URL holds it.
export function bindPanel(api, ui) {
  let last = null;
  const options = api.options();

  // attempt applies a change and shows a failure on the notice line rather
  // than losing it in the console; after a refusal the controls show again
  // the value that still holds.
  function attempt(f) {
    const refused = (e) => {
      ui.notice(e.message);
      if (last) sync(last, true);
    };
    try {
      const pending = f();
      ui.notice("");
      // A change that waits for the digit files settles later.
      if (pending && typeof pending.then === "function") pending.catch(refused);
    } catch (e) {
      refused(e);
    }
  }

  fillMenus(options.menus);
  bindSettings(api, attempt);
  const dims = options.dimensions;
  $("dimension").max = String(dims.length - 1);
  const on = (id, event, f) => $(id).addEventListener(event, (e) => attempt(() => f(e.target)));
  on("layers", "change", (el) => api.set({ model: { hidden: el.value.split(",").map((v) => v.trim()).filter((v) => v !== "").map(Number) } }));
  on("dimension", "input", (el) => api.set({ dimension: dims[Number(el.value)] }));
  on("remove-mode", "change", (el) => api.set({ mode: el.checked ? "remove" : "add" }));
  for (const r of document.querySelectorAll('input[name="class"]')) {
    r.addEventListener("change", () => attempt(() => api.set({ class: Number(r.value) })));
  }
  on("pause", "click", () => api.set({ training: { running: !(last && last.training.running) } }));
  bindActions(api, ui, attempt);

  // sync shows the state in the controls. It leaves alone the control
  // being edited, unless force.
  function sync(s, force) {
    const set = (el, prop, v) => {
      if (el && (force || document.activeElement !== el) && el[prop] !== v) el[prop] = v;
    };
    for (const el of document.querySelectorAll("[data-setting]")) {
      const v = valueAt(s, el.dataset.setting);
      if (v === undefined) continue;
      if (el.type === "checkbox") set(el, "checked", v);
      else set(el, "value", String(v));
    }
    const mlp = s.model.kind === "mlp";
    set($("activation"), "value", s.model.activation || "tanh");
    if (mlp) set($("layers"), "value", s.model.hidden.join(","));
    set($("remove-mode"), "checked", s.mode === "remove");
    for (const r of document.querySelectorAll('input[name="class"]')) r.checked = Number(r.value) === s.class;
    const cloud = options.cloudPresets.includes(s.preset);
    $("dimension-row").hidden = !cloud;
    $("chart-row").hidden = !cloud;
    $("glyphs-row").hidden = s.preset !== "glyphs";
    $("hint-high").hidden = !(s.dimension > 2);
    if (cloud) {
      // The slider sits on the stop nearest the dimension.
      let k = 0;
      dims.forEach((d, i) => { if (Math.abs(Math.log2(d / s.dimension)) < Math.abs(Math.log2(dims[k] / s.dimension))) k = i; });
      set($("dimension"), "value", String(k));
      $("dimension").setAttribute("aria-valuetext", s.dimension + " dimensions");
      $("dimension-value").textContent = String(s.dimension);
    }
    document.documentElement.dataset.controls = s.show.controls;
    placeChartData(s.show.controls);
    $("defense-eps").disabled = s.defense.method === "none";
    $("mlp-row").hidden = !mlp;
    $("recipe-row").hidden = mlp || s.defense.method !== "none" || s.dimension > 2;
    $("optimizer-row").hidden = !mlp;
    const tr = s.training;
    $("training-row").hidden = !tr.stepwise;
    if (tr.stepwise) {
      $("progress").max = tr.epochs;
      $("progress").value = tr.epoch;
      const done = tr.epoch >= tr.epochs || tr.converged;
      $("pause").textContent = tr.running ? "Pause" : done ? "Restart" : "Resume";
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

// valueAt returns the value at a setting's path in a summary: the settings
// are at its top, the model's under model and the training's under
// training, as scene.State has them.
export function valueAt(s, path) {
  let v = s;
  for (const key of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = v[key];
  }
  return v;
}

// patchAt returns the patch that sets path to v.
export function patchAt(path, v) {
  const [head, key] = path.split(".");
  return key === undefined ? { [head]: v } : { [head]: { [key]: v } };
}

// bindSettings sends each control's value to its setting: a range as it
// moves, the others once changed; numbers as numbers (an empty box as
// NaN, which the module refuses), boxes as booleans, the rest as text.
function bindSettings(api, attempt) {
  for (const el of document.querySelectorAll("[data-setting]")) {
    const event = el.type === "range" ? "input" : "change";
    el.addEventListener(event, () => attempt(() => {
      let v = el.value;
      if (el.type === "checkbox") v = el.checked;
      else if (el.type === "number" || el.type === "range") v = el.value === "" ? NaN : Number(el.value);
      api.set(patchAt(el.dataset.setting, v));
    }));
  }
}

// fillMenus fills the lists of choices from the module's own, so that
// they cannot drift from what it accepts.
function fillMenus(menus) {
  for (const select of document.querySelectorAll("select[data-setting]")) {
    const list = menus[select.dataset.setting] || [];
    select.replaceChildren(...list.map((o) => {
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
