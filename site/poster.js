// advplay's poster: play.html shows a picture of its own scene from the
// first paint, long before the module has downloaded and drawn. The build
// renders the pictures (scripts/posters) for the default scene, the
// presets and the site's own figures, at the sizes they are shown, and
// writes their names below. This classic script runs in play.html's head,
// before the body is parsed and so before the first paint: it picks the
// picture for the page's fragment, theme and window size, asks for it at
// once, and puts it in the #poster image as soon as the parser has made
// it. The module's loader hides it when the first frame is drawn, and
// keeps it, with a line saying why, when the module cannot start.
//
// A window of another size than the posters' gets the nearest poster,
// scaled to cover it, if one is close enough: on the same side of 640 CSS
// pixels (where the controls become a sheet along the bottom), neither
// side more than 1.6 times larger or smaller, and its shape within 1.3
// times the window's, so that at most about a quarter of the picture is
// cut off. Otherwise, as for a scene without a poster, there is none.
"use strict";
(() => {
  // The posters the build made, as "hash-WxH-theme" (scripts/posters).
  const posters = /*posters*/[];
  const scaleLimit = Math.log(1.6);
  const shapeLimit = Math.log(1.3);
  const phone = 640;

  // fnv returns the FNV-1a 32-bit hash of s's UTF-8 bytes in hexadecimal:
  // the poster's name for a fragment (scripts/posters).
  const fnv = (s) => {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h.toString(16).padStart(8, "0");
  };

  // choose returns the name of the poster of the fragment's hash and the
  // theme nearest a window of w×h CSS pixels, or "" for none close enough.
  const choose = (hash, theme, w, h) => {
    let best = "", bestScore = Infinity;
    for (const name of posters) {
      const m = /^([0-9a-f]{8})-(\d+)x(\d+)-([a-z]+)$/.exec(name);
      if (!m || m[1] !== hash || m[4] !== theme) continue;
      const pw = Number(m[2]), ph = Number(m[3]);
      if ((pw <= phone) !== (w <= phone)) continue;
      const sx = Math.log(w / pw), sy = Math.log(h / ph);
      if (Math.abs(sx) > scaleLimit || Math.abs(sy) > scaleLimit || Math.abs(sx - sy) > shapeLimit) continue;
      const score = Math.abs(sx) + Math.abs(sy);
      if (score < bestScore) [best, bestScore] = [name, score];
    }
    return best;
  };

  const params = new URLSearchParams(location.search);
  // The controls' layout from the first paint, which the loader would set
  // only once the page is parsed (site/page.js's option()).
  const controls = params.get("controls");
  if (["full", "minimal", "none"].includes(controls)) document.documentElement.dataset.controls = controls;
  const themes = ["light", "dark", "transparent"];
  const asked = params.get("theme");
  const theme = themes.includes(asked) ? asked : "light";
  const name = choose(fnv(location.hash.slice(1)), theme, innerWidth, innerHeight);
  if (!name) return;
  const src = "posters/" + name + ".png";
  document.documentElement.dataset.poster = name;
  const preload = document.createElement("link");
  preload.rel = "preload";
  preload.as = "image";
  preload.href = src;
  preload.fetchPriority = "high";
  document.head.append(preload);

  const show = (img) => {
    img.src = src;
    img.hidden = false;
  };
  // The parser makes #poster after this script has run; the observer's
  // callback runs in a microtask of the same task, before any paint.
  const observer = new MutationObserver(() => {
    const img = document.getElementById("poster");
    if (!img) return;
    observer.disconnect();
    show(img);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
