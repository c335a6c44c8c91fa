// Starts bare.wasm, and sets window.bareReady once it runs.
"use strict";
const go = new Go();
WebAssembly.instantiateStreaming(fetch("bare.wasm"), go.importObject).then((r) => {
  window.bareReady = true;
  go.run(r.instance);
});
