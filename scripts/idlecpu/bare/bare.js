// Starts bare.wasm, and sets window.bareReady once it runs. With "busy" in
// the query, a worker keeps one core busy, as a training does.
"use strict";
if (location.search.includes("busy")) new Worker("bare-busy.js");
const go = new Go();
WebAssembly.instantiateStreaming(fetch("bare.wasm"), go.importObject).then((r) => {
  window.bareReady = true;
  go.run(r.instance);
});
