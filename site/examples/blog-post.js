// Margin Notes: the blog author's own script. The figures are <adv-play>
// elements (../embed/adv-play.js); each names its scene in its scene
// attribute, so this script only reads their numbers into the captions and
// moves the scrolly figure's ε:
//
//   el.addEventListener("advplay:change", (e) => e.detail)  // the figure's state
//   el.addEventListener("advplay:error", (e) => e.detail)   // why it was refused
//   el.setAttribute("epsilon", 0.3)                          // or el.set({epsilon: 0.3})
"use strict";

(function () {
  function percent(fraction) {
    const p = 100 * fraction;
    return (p < 10 ? p.toFixed(2) : p.toFixed(1)) + " %";
  }

  // follow calls caption with each new state of el and shows its errors in
  // the caption line live.
  function follow(el, live, caption) {
    el.addEventListener("advplay:change", (e) => { live.textContent = caption(e.detail); });
    el.addEventListener("advplay:error", (e) => {
      live.textContent = "The figure could not be set up (" + e.detail + ").";
      console.warn("advplay figure:", e.detail);
    });
  }

  // ---- Three figures at fixed ε -------------------------------------------------------

  document.querySelectorAll("adv-play.fig").forEach((el) => {
    const epsilon = Number(el.dataset.epsilon);
    follow(el, el.closest("figure").querySelector(".live"), (state) => {
      const m = state.metrics;
      return epsilon === 0
        ? percent(m.cleanError) + " of " + m.n.toLocaleString("en") + " points misclassified."
        : percent(m.adversarialError) + " misclassified under attack, against " + percent(m.cleanError) + " without.";
    });
  });

  // ---- The clouds in 64 dimensions -----------------------------------------------------

  document.querySelectorAll("adv-play.dims").forEach((el) => {
    follow(el, el.closest("figure").querySelector(".live-dims"), (state) =>
      percent(state.metrics.adversarialError) + " misclassified under FGSM, against " +
      percent(state.metrics.cleanError) + " without; in two dimensions the same ε flips almost none.");
  });

  // ---- Scrollytelling: ε follows the reader ----------------------------------------

  const scrolly = document.getElementById("scrolly-frame");
  if (scrolly) {
    const steps = document.querySelector(".scrolly .steps");
    const epsOut = document.getElementById("scrolly-eps");
    const errOut = document.getElementById("scrolly-err");
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

    // update sets the epsilon attribute, which the element sends to its
    // figure once the figure has started (at most one message per change).
    function update() {
      scheduled = false;
      const epsilon = epsilonFromScroll();
      epsOut.textContent = epsilon.toFixed(2);
      if (scrolly.getAttribute("epsilon") !== String(epsilon)) scrolly.setAttribute("epsilon", String(epsilon));
    }

    // At most one update per frame, however many scroll events arrive.
    function schedule() {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(update);
    }

    scrolly.addEventListener("advplay:change", (e) => { errOut.textContent = percent(e.detail.metrics.adversarialError); });
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    schedule();
  }
})();
