// The scene in the URL and the host page's messages. Both follow the
// summaries the module pushes; neither asks it whether something changed.

import { params } from "./page.js";

// ---- The scene in the URL --------------------------------------------------------
// Every change is written to the #fragment (throttled), so a reload or a
// shared link restores the exact scene. A scene too large for a link is
// kept in this tab's sessionStorage instead.
const MAX_HASH = 200000;

// listenHash restores a scene kept in this tab, follows the visitor's own
// edits of the fragment, and returns the consumer of pushed summaries that
// writes the link the module pushes once the scene has settled, with
// share(then), which asks the module for the link at once and calls then
// when it is written (Share, Embed, leaving). local begins the fragment of
// a scene kept in this tab's storage (advplay.options().localLink).
export function listenHash(api, ui, local) {
  let writtenHash = location.hash;
  let lastScene = "";
  let waiting = [];
  const localPrefix = "#" + local;
  // localKey names this tab's copy of a scene too large for a link: one
  // per tab, overwritten, so that storage does not fill with old copies.
  let localKey = Math.random().toString(36).slice(2, 10);

  function restorable(hash) {
    if (!hash.startsWith(localPrefix)) return hash;
    let saved = null;
    try {
      saved = sessionStorage.getItem("advplay:" + hash.slice(localPrefix.length));
    } catch (e) {
      // Storage is blocked (a sandboxed or third-party frame).
    }
    if (!saved) throw new Error("This link points to a scene kept in another tab; it cannot be restored here.");
    return saved;
  }

  function write(link) {
    const scene = "#" + link;
    if (scene === lastScene) return;
    let h = scene;
    if (h.length > MAX_HASH) {
      try {
        sessionStorage.setItem("advplay:" + localKey, h);
        h = localPrefix + localKey;
      } catch (e) {
        ui.notice("This scene is too large to keep in the link or in this tab; a refresh will lose it.");
        return;
      }
    }
    lastScene = scene;
    if (h !== location.hash) {
      writtenHash = h;
      history.replaceState(null, "", h);
    }
  }

  window.addEventListener("hashchange", () => {
    if (location.hash === writtenHash) return;
    writtenHash = location.hash;
    ui.attempt(() => api.loadHash(restorable(location.hash)));
  });
  if (location.hash.startsWith(localPrefix)) {
    // A reload of this tab: go on with the same copy.
    localKey = location.hash.slice(localPrefix.length);
    ui.attempt(() => api.loadHash(restorable(location.hash)));
  }
  const share = (then) => {
    if (then) waiting.push(then);
    api.share();
  };
  // A refresh or a closed tab must not lose the last edits: the link comes
  // in the push that follows, in a microtask, before the page goes.
  window.addEventListener("pagehide", () => share());

  return {
    share,
    update(summary) {
      if (!summary.link) return;
      write(summary.link);
      const then = waiting;
      waiting = [];
      for (const f of then) f();
    },
  };
}

// ---- The host page -----------------------------------------------------------------
// Messages are accepted from the embedding page whatever its origin, since
// the playground holds no secrets; origin=… restricts them to one origin,
// which is also where replies go.
export const allowedOrigin = params.get("origin");
export const replyOrigin = allowedOrigin || "*";

// listenHost answers the host page's messages and returns the consumer of
// pushed summaries that tells it of changes, at most every 200 ms.
export function listenHost(raw) {
  if (window.parent === window) return { update() {} };
  window.addEventListener("message", (e) => {
    if (e.source !== window.parent || e.source === window) return;
    if (allowedOrigin && e.origin !== allowedOrigin) return;
    const to = allowedOrigin || (e.origin === "null" ? "*" : e.origin);
    const send = (reply) => {
      if (reply !== null && reply !== undefined) e.source.postMessage(reply, to);
    };
    const reply = raw.message(e.data);
    if (reply && typeof reply.then === "function") {
      // A message that waits for the digit files.
      const id = e.data && (typeof e.data.id === "string" || typeof e.data.id === "number") ? { id: e.data.id } : {};
      reply.then(send, (err) => send({ type: "advplay:error", message: err.message, ...id }));
      return;
    }
    send(reply);
  });
  let timer = 0;
  let latest = null;
  return {
    update(summary) {
      if (summary.linkOnly) return;
      latest = summary;
      if (timer) return;
      timer = setTimeout(() => {
        timer = 0;
        const state = Object.assign({}, latest);
        delete state.readout;
        delete state.cursor;
        delete state.version;
        delete state.link;
        delete state.linkOnly;
        delete state.table;
        delete state.gallery;
        delete state.notice;
        delete state.plot;
        window.parent.postMessage({ type: "advplay:change", state }, replyOrigin);
      }, 200);
    },
  };
}
