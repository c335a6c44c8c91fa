// The story page: "Reproduce the table" runs the article's experiment in
// the embedded playground (same origin, so its window.advplay is at hand)
// and fills the table's live column as the playground's pushed summaries
// say the training has ended.

import { $, stillPreferred } from "./page.js";

const frame = $("playground");
const button = $("run-article");
const status = $("run-status");

if (frame && button && status) {
  button.addEventListener("click", () => {
    const win = frame.contentWindow;
    const api = win && win.advplay;
    if (!api) {
      status.textContent = "The playground is still loading; try again in a moment.";
      frame.scrollIntoView({ behavior: stillPreferred() ? "auto" : "smooth", block: "center" });
      return;
    }
    button.disabled = true;
    const follow = (e) => {
      const t = e.detail.training;
      status.textContent = "Training as the article did: epoch " + t.epoch.toLocaleString() + " of " + t.epochs.toLocaleString() + "…";
      if (t.running) return;
      win.removeEventListener("advplay:change", follow);
      fillTable(api);
      status.textContent = "Done: 20,000 epochs on 2×10,000 points, seed 1.";
      button.disabled = false;
    };
    win.addEventListener("advplay:change", follow);
    try {
      api.set({ preset: "article", seed: 1, epsilon: 0, attack: { method: "fgsm" }, model: { kind: "logreg" }, defense: { method: "none" }, training: { recipe: "article" } });
    } catch (e) {
      win.removeEventListener("advplay:change", follow);
      status.textContent = e.message;
      button.disabled = false;
    }
  });
}

// fillTable reads the error under FGSM at each of the table's ε.
function fillTable(api) {
  for (const row of document.querySelectorAll("#article-table tbody tr[data-eps]")) {
    api.set({ epsilon: Number(row.dataset.eps) });
    const cell = row.querySelector("td.live");
    if (cell) cell.textContent = (100 * api.summary().metrics.adversarialError).toFixed(1) + " %";
  }
  api.set({ epsilon: 0.2 });
}
