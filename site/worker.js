// advplay's training worker: it starts worker.wasm (wasm/worker), which
// trains a scene off the page's main thread. See wasm/worker and
// wasm/training.
"use strict";
importScripts("wasm_exec.js");

// Messages that come while the module compiles wait for it: the page
// asks for the digit files as soon as it starts the worker.
const early = [];
onmessage = (e) => early.push(e);

const go = new Go();
const start = (response) => WebAssembly.instantiateStreaming(response, go.importObject)
  // A host that serves worker.wasm with another type than application/wasm.
  .catch(() => fetch("worker.wasm").then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, go.importObject)));
fetch("worker.wasm")
  .then((r) => {
    if (!r.ok) throw new Error("worker.wasm could not be downloaded (HTTP " + r.status + ")");
    return start(r);
  })
  .then((result) => {
    go.run(result.instance); // its main sets onmessage, then waits
    for (const e of early.splice(0)) onmessage(e);
  })
  .catch((e) => postMessage({ type: "failed", message: String(e && e.message || e) }));
