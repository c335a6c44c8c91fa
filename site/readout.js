// The readout in words: the figures beside the plot as HTML text, the live
// region a screen reader hears, the plot's description, what the keyboard
// did, and the chart's series as a table. All of it follows the pushed
// summaries: the table comes in one when the chart changed.

import { $ } from "./page.js";

// The live region #live reads the figures politely: once they have settled
// for ANNOUNCE_QUIET, and at most every ANNOUNCE_EVERY while they keep
// changing (a training, a slider held down).
const ANNOUNCE_QUIET = 700; // ms
const ANNOUNCE_EVERY = 1000; // ms

export function bindReadout() {
  let readoutText = "";
  let saidSeq = 0;
  let announced = null;
  let announceTimer = 0;
  let pendingSince = 0;
  let pendingText = "";

  function showLines(lines) {
    const text = lines.map((l) => l.label + "\t" + (l.value || "")).join("\n");
    if (text === readoutText) return;
    readoutText = text;
    const box = $("readout");
    box.replaceChildren(...lines.map((l) => {
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

  // fillTable shows the chart as a table: a row per ε, or per dimension
  // (key "d"), a column per series, errors in %.
  function fillTable(t) {
    const table = $("chart-table");
    table.caption.textContent = t.key === "d" ? "Error against dimension, in %" : "Error against ε, in %";
    const head = document.createElement("tr");
    for (const name of [t.key].concat(t.columns || [])) {
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
          cell.textContent = t.key === "d" ? String(Math.round(v)) : v.toFixed(2);
        } else {
          cell.textContent = Number.isFinite(v) ? (100 * v).toFixed(2) : "–";
        }
        tr.append(cell);
      });
      return tr;
    }));
  }

  return {
    update(s) {
      const r = s.readout;
      showLines(r.lines);
      const desc = $("plot-description");
      if (desc.textContent !== r.description) desc.textContent = r.description;
      if (r.saidSeq !== saidSeq) {
        saidSeq = r.saidSeq;
        $("plot-status").textContent = r.said;
      }
      announce(r.announcement);
      if (s.table) fillTable(s.table);
    },
  };
}
