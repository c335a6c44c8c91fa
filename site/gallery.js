// The pictures of a scene above two dimensions: for a few samples, the
// clean image with the model's probability, the attack's perturbation
// (scaled to be seen, with its scale), and the attacked image with its new
// probability; the sample under the mouse or the keyboard cursor comes
// first; and the model's weights as an image. They come in the pushed
// summaries, when they changed (summary.gallery).

import { $ } from "./page.js";

export function bindGallery() {
  const box = $("gallery");
  if (window.innerWidth < 640) box.open = false;
  let pending = null;
  let timer = 0;

  function update(s) {
    if (!s.gallery) return;
    box.hidden = !s.gallery.side;
    if (box.hidden) return;
    // Pictures are built at most every 300 ms: a slider held down does
    // not rebuild them at every step.
    pending = s;
    if (!timer) timer = setTimeout(() => { timer = 0; draw(pending); }, 300);
  }

  function draw(s) {
    const g = s.gallery;
    // Goodfellow et al.'s Fig. 2 for a linear model: w, sign(w) (FGSM's
    // perturbation, whatever the digit), then the samples.
    const cards = g.weights ? weightsCards(g.side, g.weights) : [];
    cards.push(...g.samples.map((v) => card(s, g.side, v, v.index === s.shown)));
    $("gallery-grid").replaceChildren(...cards);
    const scale = s.epsilon > 0 ? (0.5 / s.epsilon).toFixed(1) : "–";
    $("gallery-note").textContent = "Each column: a " + (s.preset === "mnist" ? "test digit" : "sample") +
      " with the model's answer and p(" + className(s, 1) + "), the " +
      s.attack.method.toUpperCase() + " perturbation at ε " + s.epsilon.toFixed(2) + " shown ×" + scale +
      ", and the attacked picture with its new answer." + (g.weights ? " First the weights w and sign(w)." : "");
  }

  return { update };
}

// className names a class as the pictures do: the digit or the glyph
// pair's character.
function className(s, label) {
  return ((s.preset === "mnist" ? s.digits : s.glyphs) || "01")[label];
}

// card shows one sample: clean, perturbation, attacked.
function card(s, side, v, shown) {
  const fig = document.createElement("figure");
  fig.className = "sample" + (shown ? " shown" : "") + (v.flipped ? " flipped" : "");
  const lo = Math.min(...v.clean, ...v.attacked);
  const hi = Math.max(...v.clean, ...v.attacked);
  const ink = (x) => 1 - (x - lo) / Math.max(hi - lo, 1e-9); // ink dark on white
  const name = className(s, v.label);
  const scale = s.epsilon > 0 ? 0.5 / s.epsilon : 0;
  const answer = (p) => className(s, p >= 0.5 ? 1 : 0);
  fig.append(
    picture(side, v.clean, ink, "sample " + v.index + ", a " + name + ": the model answers " + answer(v.probability) +
      ", p(" + className(s, 1) + ") " + v.probability.toFixed(2)),
    caption(answer(v.probability) + " " + v.probability.toFixed(2)),
    picture(side, v.perturbation, (x) => 0.5 + x * scale, "its perturbation, scaled " + scale.toFixed(1) + " times"),
    picture(side, v.attacked, ink, "attacked: the model answers " + answer(v.attackedProbability) + ", p(" + className(s, 1) + ") " +
      v.attackedProbability.toFixed(2) + (v.flipped ? ", flipped" : "")),
    caption(answer(v.attackedProbability) + " " + v.attackedProbability.toFixed(2)),
  );
  return fig;
}

// weightsCards shows w and sign(w): positive pixels (towards blue) blue,
// negative red.
function weightsCards(side, w) {
  const m = Math.max(...w.map(Math.abs), 1e-12);
  const one = (tone, label, name) => {
    const fig = document.createElement("figure");
    fig.className = "weights";
    fig.append(picture(side, w, tone, label, true), caption(name));
    return fig;
  };
  return [
    one((x) => x / m, "the model's weights w: blue pushes towards the second class, red towards the first", "w"),
    one(Math.sign, "sign(w), the direction FGSM adds to every picture of the first class (and takes from the second)", "sign(w)"),
  ];
}

function caption(text) {
  const c = document.createElement("figcaption");
  c.textContent = text;
  return c;
}

// picture draws side×side values through tone (a gray level from 0, black,
// to 1, white; or, diverging, −1 red to 1 blue) into a canvas.
function picture(side, values, tone, label, diverging) {
  const c = document.createElement("canvas");
  c.width = side;
  c.height = side;
  c.setAttribute("role", "img");
  c.setAttribute("aria-label", label);
  const ctx = c.getContext("2d");
  const img = ctx.createImageData(side, side);
  for (let k = 0; k < side * side && k < values.length; k++) {
    const t = Math.max(diverging ? -1 : 0, Math.min(1, tone(values[k])));
    let r, g, b;
    if (diverging) {
      // White at 0, the theme's blue (#1f77b4) at +1, red (#d62728) at −1.
      const [cr, cg, cb] = t >= 0 ? [0x1f, 0x77, 0xb4] : [0xd6, 0x27, 0x28];
      const a = Math.abs(t);
      r = 255 + (cr - 255) * a; g = 255 + (cg - 255) * a; b = 255 + (cb - 255) * a;
    } else {
      r = g = b = 255 * t;
    }
    img.data.set([r, g, b, 255], 4 * k);
  }
  ctx.putImageData(img, 0, 0);
  return c;
}
