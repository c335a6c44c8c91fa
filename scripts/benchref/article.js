// The article's recipe as a plain JavaScript loop: the reference that the
// WebAssembly engine is measured against (make bench).
"use strict";

function randn() {
  let u = 0;
  while (u === 0) u = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

const perClass = 10000, n = 2 * perClass;
const x1 = new Float64Array(n), x2 = new Float64Array(n), y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const m = i < perClass ? 0 : 2;
  x1[i] = m + 0.5 * randn();
  x2[i] = m + 0.5 * randn();
  y[i] = i < perClass ? 0 : 1;
}
let w1 = 0, w2 = 0, b = 0;
const lr = 0.0005, start = Date.now();
for (let e = 0; e < 20000; e++) {
  let g1 = 0, g2 = 0, g0 = 0;
  for (let i = 0; i < n; i++) {
    const r = 1 / (1 + Math.exp(-(w1 * x1[i] + w2 * x2[i] + b))) - y[i];
    g1 += r * x1[i];
    g2 += r * x2[i];
    g0 += r;
  }
  w1 -= lr * g1;
  w2 -= lr * g2;
  b -= lr * g0 / n;
}
console.log(((Date.now() - start) / 1000).toFixed(3));
