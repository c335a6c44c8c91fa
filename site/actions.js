// The panel's buttons and menus that act rather than set: reset, clear,
// fit the view, share, embed, export and import (also a CSV dropped on
// the plot), and collapsing the panel.

import { $ } from "./page.js";

const MAX_IMPORT = 8 * 1024 * 1024;

// bindActions binds the buttons; attempt runs a command and shows its
// failure on the notice line, ui.notice shows a line, and ui.share(then)
// puts the scene's link in the page's URL and calls then.
export function bindActions(api, ui, attempt) {
  const on = (id, event, f) => $(id).addEventListener(event, (e) => attempt(() => f(e.target)));
  on("regenerate", "click", () => api.reset());
  on("clear", "click", () => api.clear());
  on("fit", "click", () => api.fitView());
  on("share", "click", () => ui.share(() => copy(location.href, "Link copied.", ui)));
  on("embed", "click", () => ui.share(showEmbed));
  for (const b of document.querySelectorAll("#embed-dialog [data-copy]")) {
    b.addEventListener("click", () => {
      const area = $(b.dataset.copy);
      area.select();
      copy(area.value, b.textContent.replace(/^Copy /, "") + " copied.", ui, (m) => { $("embed-status").textContent = m; });
    });
  }
  on("export", "change", (el) => {
    const what = el.value;
    el.value = "";
    if (what === "points") download("advplay-points.csv", new Blob([api.pointsCSV()], { type: "text/csv" }));
    if (what === "curve") download("advplay-curve.csv", new Blob([api.curveCSV()], { type: "text/csv" }));
    if (what === "png") exportPNG(api, ui);
  });
  on("import-button", "click", () => $("import").click());
  on("import", "change", (el) => {
    if (el.files && el.files[0]) importFile(el.files[0], api, attempt, ui);
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
    if (f) importFile(f, api, attempt, ui);
  }, true);
  $("collapse").addEventListener("click", () => {
    const body = $("panel-body");
    body.hidden = !body.hidden;
    $("collapse").setAttribute("aria-expanded", String(!body.hidden));
    $("collapse").textContent = body.hidden ? "▸" : "▾";
  });
  // Enter in a number field must not submit the form.
  $("panel").addEventListener("submit", (e) => e.preventDefault());
}

function exportPNG(api, ui) {
  api.exportPNG().then((image) => {
    const c = document.createElement("canvas");
    c.width = image.width;
    c.height = image.height;
    c.getContext("2d").putImageData(image, 0, 0);
    c.toBlob((blob) => download("advplay.png", blob), "image/png");
  }, (e) => ui.notice(e.message));
}

function importFile(file, api, attempt, ui) {
  if (file.size > MAX_IMPORT) {
    ui.notice(file.name + " is " + (file.size / 1048576).toFixed(1) + " MB; files up to 8 MB can be imported.");
    return;
  }
  file.text().then((text) => {
    attempt(() => api.importCSV(text));
    if (!$("notice").textContent) ui.notice("Loaded " + file.name + ".", "info");
  }, () => ui.notice("Could not read " + file.name + "."));
}

function copy(text, done, ui, report) {
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

// showEmbed opens the Embed dialog with the current scene as an
// <adv-play> element, a plain iframe, a Hugo shortcode and a Jekyll
// include. The figure gets the slim controls: at 720×480 the full panel
// would cover a third of the plot.
function showEmbed() {
  const url = new URL(location.href);
  url.searchParams.set("controls", "minimal");
  const scene = url.hash.slice(1);
  const base = new URL(url.href);
  base.hash = "";
  base.search = "";
  const attr = (v) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  const script = new URL("embed/adv-play.js", base).href;
  $("embed-element").value = '<script type="module" src="' + attr(script) + '"></script>\n<adv-play src="' + attr(base.href) +
    '" scene="' + attr(scene) + '" controls="minimal" width="720" height="480"></adv-play>';
  $("embed-html").value = '<iframe src="' + attr(url.href) + '" width="720" height="480"\n  title="advplay: adversarial examples playground"></iframe>';
  $("embed-hugo").value = '{{< advplay src="' + base.href + '" scene="' + scene + '" controls="minimal" >}}';
  $("embed-jekyll").value = '{% include advplay.html src="' + base.href + '" scene="' + scene + '" controls="minimal" %}';
  $("embed-status").textContent = "";
  const d = $("embed-dialog");
  if (typeof d.showModal === "function") d.showModal();
  else d.setAttribute("open", "");
  $("embed-element").focus();
  $("embed-element").select();
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
