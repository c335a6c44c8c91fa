// advplay's compiler: a worker that downloads main.wasm and compiles it
// while it streams in, off the page's main thread, and hands the compiled
// module to the page (site/loader.js), which only instantiates it. A
// streaming compilation on the main thread decodes each chunk there, in
// tasks of a tenth of a second and more; here they hold nothing up.
//
// It takes {url, total} (total: main.wasm's size when the response does
// not say, for the progress bar) and posts {type: "progress", received,
// total} as the bytes arrive, then {type: "module", module}, or {type:
// "failed", message, download} with the reason; download says the server
// refused main.wasm, which the page then reports, where any other failure
// makes it compile on its own main thread instead.
"use strict";

onmessage = async (e) => {
  const { url, total } = e.data;
  let download = false;
  try {
    const response = await fetch(url);
    if (!response.ok) {
      download = true;
      throw new Error("main.wasm could not be downloaded (HTTP " + response.status + ").");
    }
    const length = Number(response.headers.get("Content-Length")) || 0;
    const size = !response.headers.get("Content-Encoding") && length ? length : total;
    let received = 0;
    const counted = response.body.pipeThrough(new TransformStream({
      transform(chunk, out) {
        received += chunk.length;
        postMessage({ type: "progress", received, total: size });
        out.enqueue(chunk);
      },
    }));
    // Labelled here, so that a host serving main.wasm with another type
    // than application/wasm still gets a streaming compilation.
    const module = await WebAssembly.compileStreaming(new Response(counted, { headers: { "Content-Type": "application/wasm" } }));
    postMessage({ type: "module", module });
  } catch (err) {
    postMessage({ type: "failed", message: String((err && err.message) || err), download });
  }
};
