// What every advplay page shares: its query parameters and its theme.

export const $ = (id) => document.getElementById(id);
export const params = new URLSearchParams(location.search);

export const THEMES = ["light", "dark", "transparent"];
export const CONTROLS = ["full", "minimal", "none"];

// option returns the query parameter name if it is one of allowed, and
// fallback otherwise.
export function option(name, allowed, fallback) {
  const v = params.get(name);
  return allowed.includes(v) ? v : fallback;
}

document.documentElement.dataset.theme = option("theme", THEMES, "light");

// stillPreferred reports whether the visitor asks for reduced motion.
export function stillPreferred() {
  return !!(window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches);
}
