// Margin Notes: the blog author's own script. It sets up the advplay embeds
// on this page through advplay's postMessage API:
//
//   to the embed:   {advplay: "set", patch: {...}, id}
//   from the embed: {type: "advplay:ready"}, then {type: "advplay:change", state}
//                   whenever the scene changes, {type: "advplay:error", message, id}
//                   if a message was refused.
//
// Messages are told apart by event.source, the window of the iframe that sent
// them. Nothing is sent to an embed before its "advplay:ready".
"use strict";

(function () {
  // ---- Helpers ----------------------------------------------------------------

  // The origin the embeds are served from. Messages to them go only there,
  // and only messages from there are read. A page opened from file:// has the
  // opaque origin "null", which postMessage cannot target by name.
  function originOf(frame) {
    return new URL(frame.src, location.href).origin;
  }
  function send(frame, message) {
    const origin = originOf(frame);
    frame.contentWindow.postMessage(message, origin === "null" ? "*" : origin);
  }

  function percent(fraction) {
    const p = 100 * fraction;
    return (p < 10 ? p.toFixed(2) : p.toFixed(1)) + " %";
  }

  // embeds maps an iframe's window to the handlers for its messages.
  const embeds = new Map();

  window.addEventListener("message", (event) => {
    for (const [frame, on] of embeds) {
      if (event.source !== frame.contentWindow) continue;
      const origin = originOf(frame);
      if (origin !== "null" && event.origin !== origin) return;
      const data = event.data;
      if (!data || typeof data.type !== "string") return;
      if (data.type === "advplay:ready") on.ready();
      else if (data.type === "advplay:change" && data.state) on.change(data.state);
      else if (data.type === "advplay:error") on.error(String(data.message));
      return;
    }
  });

  function embed(frame, handlers) {
    embeds.set(frame, handlers);
  }

  // ---- Three figures at fixed ε -------------------------------------------------------

  document.querySelectorAll("iframe.fig").forEach((frame, i) => {
    const epsilon = Number(frame.dataset.epsilon);
    const live = frame.closest("figure").querySelector(".live");
    embed(frame, {
      ready() {
        // The article's clouds, 2×10,000, at this figure's ε; the small
        // chart is left out so the clouds get the room.
        send(frame, { advplay: "set", id: "figure-" + i, patch: { preset: "article", epsilon, show: { chart: false } } });
      },
      change(state) {
        if (state.preset !== "article" || state.epsilon !== epsilon) return; // not set up yet
        const m = state.metrics;
        live.textContent = epsilon === 0
          ? percent(m.cleanError) + " of " + m.n.toLocaleString("en") + " points misclassified."
          : percent(m.adversarialError) + " misclassified under attack, against " + percent(m.cleanError) + " without.";
      },
      error(message) {
        live.textContent = "The figure could not be set up (" + message + ").";
        console.warn("advplay figure " + i + ":", message);
      },
    });
  });

  // ---- The clouds in 64 dimensions -----------------------------------------------------

  document.querySelectorAll("iframe.dims").forEach((frame) => {
    const live = frame.closest("figure").querySelector(".live-dims");
    embed(frame, {
      ready() {
        send(frame, { advplay: "set", id: "dims", patch: { preset: "small", dimension: 64, epsilon: 0.1, chart: { mode: "dimension" } } });
      },
      change(state) {
        if (state.dimension !== 64) return; // not set up yet
        live.textContent = percent(state.metrics.adversarialError) + " misclassified under FGSM, against " +
          percent(state.metrics.cleanError) + " without; in two dimensions the same ε flips almost none.";
      },
      error(message) {
        live.textContent = "The figure could not be set up (" + message + ").";
      },
    });
  });

  // ---- Scrollytelling: ε follows the reader ----------------------------------------

  const scrolly = document.getElementById("scrolly-frame");
  if (scrolly) {
    const steps = document.querySelector(".scrolly .steps");
    const epsOut = document.getElementById("scrolly-eps");
    const errOut = document.getElementById("scrolly-err");
    let ready = false;
    let sent = null; // the ε last sent to the embed
    let scheduled = false;

    // epsilonFromScroll maps the reader's position to ε. Each step names
    // its ε in data-eps; when a step's centre crosses the middle of the
    // window the figure shows that ε, and between two steps it slides
    // linearly, in hundredths like the playground's slider. Above the first
    // step ε is the first value (0), below the last the last value (1).
    const stepList = Array.from(steps.querySelectorAll(".step[data-eps]"));
    function epsilonFromScroll() {
      const mid = window.innerHeight / 2;
      let prev = null;
      for (const el of stepList) {
        const r = el.getBoundingClientRect();
        const cur = { y: r.top + r.height / 2, eps: Number(el.dataset.eps) };
        if (mid <= cur.y) {
          if (!prev) return cur.eps;
          const t = (mid - prev.y) / (cur.y - prev.y);
          return Math.round((prev.eps + t * (cur.eps - prev.eps)) * 100) / 100;
        }
        prev = cur;
      }
      return prev ? prev.eps : 0;
    }

    function update() {
      scheduled = false;
      const epsilon = epsilonFromScroll();
      epsOut.textContent = epsilon.toFixed(2);
      if (ready && epsilon !== sent) {
        sent = epsilon;
        send(scrolly, { advplay: "set", patch: { epsilon } });
      }
    }

    // At most one update per frame, however many scroll events arrive.
    function schedule() {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(update);
    }

    embed(scrolly, {
      ready() {
        ready = true;
        sent = epsilonFromScroll();
        // 2×1,000 points: re-attacking them is quick enough to follow scrolling.
        send(scrolly, { advplay: "set", id: "scrolly", patch: { preset: "article", n: 1000, epsilon: sent } });
      },
      change(state) {
        errOut.textContent = percent(state.metrics.adversarialError);
      },
      error(message) {
        console.warn("advplay scrolly:", message);
      },
    });

    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    schedule();
  }
})();
