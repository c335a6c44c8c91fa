// A worker that keeps one core busy until the page closes.
"use strict";
for (;;) {}
