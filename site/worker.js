// advplay's training worker: it starts worker.wasm (wasm/worker), which
// trains a scene off the page's main thread. See wasm/remote.go.
"use strict";
importScripts("wasm_exec.js");

const go = new Go();
const start = (response) => WebAssembly.instantiateStreaming(response, go.importObject)
  // A host that serves main.wasm with another type than application/wasm.
  .catch(() => fetch("worker.wasm").then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, go.importObject)));
fetch("worker.wasm")
  .then((r) => {
    if (!r.ok) throw new Error("worker.wasm could not be downloaded (HTTP " + r.status + ")");
    return start(r);
  })
  .then((result) => go.run(result.instance))
  .catch((e) => postMessage({ type: "failed", message: String(e && e.message || e) }));
