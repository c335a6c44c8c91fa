// <adv-play>: the advplay playground as an element any page can use.
//
//   <script type="module" src="/advplay/embed/adv-play.js"></script>
//   <adv-play scene="s1.…" epsilon="0.2" controls="minimal" width="720" height="480"></adv-play>
//
// It shows the scene's poster at once and loads the playground (an iframe
// of play.html) only when it comes near the viewport or a reader starts
// it. Attributes: scene (a share fragment), epsilon, controls (none,
// minimal, full), theme (light, dark, transparent), poster (a picture's
// address; by default the one advplay's build made for the scene at this
// size and theme, if any), width and height (CSS pixels; the page's CSS may override them),
// src (play.html's address; by default next to this script) and title.
//
// el.set(patch) returns a Promise, resolved once the figure applied the
// patch and rejected with the figure's reason otherwise; el.start() loads
// the figure now; el.state is the figure's latest state. The element fires
// advplay:change (detail: the state) and advplay:error (detail: the
// message).

const here = new URL("../play.html", import.meta.url).href;

// The posters advplay's build made (scripts/posters writes their names
// here), so that a scene without one asks for nothing.
const posters = new Set(/*posters*/[]);

// fnv returns the FNV-1a 32-bit hash of s's UTF-8 bytes in hexadecimal:
// the name of a scene's poster (scripts/posters).
export function fnv(s) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

// The element's own styles live in its shadow root, below any rule of the
// host page, so a page can size and frame <adv-play> like an image.
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
:host{display:block;position:relative;max-width:100%;width:calc(var(--adv-play-width)*1px);aspect-ratio:var(--adv-play-width)/var(--adv-play-height);background:#eef0f3;overflow:hidden}
:host([theme=dark]){background:#1b1d22}
:host([theme=transparent]){background:none}
img,iframe{position:absolute;inset:0;width:100%;height:100%;border:0}
img{object-fit:contain}
button{position:absolute;right:.6em;bottom:.6em;font:14px/1.2 system-ui,sans-serif;padding:.5em .9em;border-radius:6px;border:1px solid #555;background:#fff;color:#111;cursor:pointer}
button:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
`);

class AdvPlay extends HTMLElement {
  static observedAttributes = ["epsilon"];

  constructor() {
    super();
    this.state = null;
    this._frame = null;
    this._ready = false;
    this._queue = [];
    this._id = 0;
    this._waiting = new Map();
    this._onMessage = (e) => this._receive(e);
  }

  get _url() { return new URL(this.getAttribute("src") || here, location.href); }
  get _title() { return this.getAttribute("title") || "advplay: adversarial examples playground"; }

  connectedCallback() {
    if (this._frame) addEventListener("message", this._onMessage);
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [sheet];
    const w = Number(this.getAttribute("width")) || 720, h = Number(this.getAttribute("height")) || 480;
    this.style.setProperty("--adv-play-width", w);
    this.style.setProperty("--adv-play-height", h);
    const name = `${fnv(this.getAttribute("scene") || "")}-${w}x${h}-${this.getAttribute("theme") || "light"}`;
    const poster = this.getAttribute("poster") || (posters.has(name) ? new URL(`posters/${name}.png`, this._url).href : "");
    if (poster) {
      const img = document.createElement("img");
      img.alt = "Picture of " + this._title;
      img.src = poster;
      root.append(img);
    }
    const start = this._start = document.createElement("button");
    start.type = "button";
    start.textContent = "Start the figure";
    start.onclick = () => this._frame ? (this._focus = true) : this.start(true);
    root.append(start);
    if (typeof IntersectionObserver !== "function") return this.start(false);
    this._io = new IntersectionObserver((es) => { if (es.some((e) => e.isIntersecting)) this.start(false); }, { rootMargin: "200px" });
    this._io.observe(this);
  }

  disconnectedCallback() {
    removeEventListener("message", this._onMessage);
  }

  attributeChangedCallback(name, _, v) {
    if (name === "epsilon" && v !== null && this._frame) this.set({ epsilon: Number(v) }).catch(() => {});
  }

  // start loads the figure behind its poster, which it replaces once
  // ready. Until then the Start button is the figure's one tab stop; a
  // reader who pressed it, or is on it then, finds the plot focused.
  start(focus) {
    if (this._frame || !this.shadowRoot) return;
    if (this._io) this._io.disconnect();
    this._focus = focus;
    const u = this._url;
    u.searchParams.set("controls", this.getAttribute("controls") || "minimal");
    u.searchParams.set("theme", this.getAttribute("theme") || "light");
    u.searchParams.set("start", "now");
    u.hash = this.getAttribute("scene") || "";
    const f = this._frame = document.createElement("iframe");
    f.src = u.href;
    f.title = this._title;
    f.inert = true;
    addEventListener("message", this._onMessage);
    this._start.textContent = "Starting…";
    this._start.setAttribute("aria-disabled", "true");
    this.shadowRoot.prepend(f);
  }

  // shown replaces the poster with the ready figure.
  _shown() {
    const focus = this._focus || this.shadowRoot.activeElement === this._start;
    // Moving an iframe would reload it: the others go.
    for (const el of [...this.shadowRoot.children]) if (el !== this._frame) el.remove();
    this._frame.inert = false;
    if (focus) this._frame.focus();
  }

  // set applies a patch (see advplay.set in play.html), starting the figure
  // if it has not started.
  set(patch) {
    this.start(false);
    return new Promise((resolve, reject) => {
      const id = "adv-play-" + ++this._id;
      this._waiting.set(id, { resolve, reject });
      this._send({ advplay: "set", patch, id });
    });
  }

  _send(msg) {
    if (!this._ready) return this._queue.push(msg);
    const origin = this._url.origin;
    this._frame.contentWindow.postMessage(msg, origin === "null" ? "*" : origin);
  }

  _receive(e) {
    if (!this._frame || e.source !== this._frame.contentWindow) return;
    const m = e.data || {};
    const w = this._waiting.get(m.id);
    if (w) this._waiting.delete(m.id);
    if (m.type === "advplay:ready") {
      this._ready = true;
      this._shown();
      const eps = this.getAttribute("epsilon");
      if (eps !== null) this._send({ advplay: "set", patch: { epsilon: Number(eps) } });
      for (const q of this._queue.splice(0)) this._send(q);
    } else if (m.type === "advplay:change") {
      this.state = m.state;
      this.dispatchEvent(new CustomEvent("advplay:change", { detail: m.state }));
    } else if (m.type === "advplay:ok") {
      if (w) w.resolve();
    } else if (m.type === "advplay:error") {
      if (w) w.reject(new Error(m.message));
      this.dispatchEvent(new CustomEvent("advplay:error", { detail: m.message }));
    }
  }
}

if (!customElements.get("adv-play")) customElements.define("adv-play", AdvPlay);
