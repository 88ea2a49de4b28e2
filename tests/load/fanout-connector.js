// A loopback stand-in for the Bot Framework connector for the nudge fan-out measurement (run-fanout.sh).
// Unarmed it accepts everything (the set-up turns' replies). Armed (POST /arm?rate=50&mode=sliding) it accepts at most
// `rate` activities a second and answers the rest 429 with Retry-After: 1, the way the Teams service throttles:
//   mode=sliding  no more than `rate` accepted in any 1-second interval (the strict reading)
//   mode=fixed    no more than `rate` accepted in each calendar second
// GET /stats gives what it saw since it was armed: accepted, throttled, per-conversation counts (duplicates), and
// the times of the first and last accepted activity. Binds to 127.0.0.1 only.
"use strict";
const http = require("http");
const port = Number(process.argv[2] || 0);

let armed = false, rate = 50, mode = "sliding";
let accepted = 0, throttled = 0, created = 0, firstAt = 0, lastAt = 0;
let window = [];          // sliding: times of the accepted activities in the last second (oldest first)
let head = 0;
let second = 0, inSecond = 0; // fixed: the current calendar second and its count
const perConversation = new Map();

function reset() {
  accepted = 0; throttled = 0; created = 0; firstAt = 0; lastAt = 0;
  window = []; head = 0; second = 0; inSecond = 0;
  perConversation.clear();
}

function admit(now) {
  if (mode === "fixed") {
    const s = Math.floor(now / 1000);
    if (s !== second) { second = s; inSecond = 0; }
    if (inSecond >= rate) return false;
    inSecond++;
    return true;
  }
  while (head < window.length && window[head] <= now - 1000) head++;
  if (head > 4096) { window = window.slice(head); head = 0; }
  if (window.length - head >= rate) return false;
  window.push(now);
  return true;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", c => chunks.push(c));
  req.on("end", () => {
    const url = new URL(req.url, "http://127.0.0.1");
    const path = url.pathname;
    if (req.method === "POST" && path === "/arm") {
      reset();
      armed = true;
      rate = Number(url.searchParams.get("rate") || 50);
      mode = url.searchParams.get("mode") || "sliding";
      res.writeHead(204); res.end();
      return;
    }
    if (req.method === "GET" && path === "/stats") {
      let duplicates = 0;
      for (const n of perConversation.values()) if (n > 1) duplicates += n - 1;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ accepted, throttled, created, conversations: perConversation.size, duplicates, firstAt, lastAt }));
      return;
    }
    if (req.method === "POST" && path === "/v3/conversations") {
      // Create conversation: a 1:1 chat id for the member asked for.
      if (armed) created++;
      let member = "user";
      try { member = JSON.parse(Buffer.concat(chunks).toString()).members[0].id; } catch { /* keep the default */ }
      res.writeHead(201, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: "a:created-" + member }));
      return;
    }
    const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(path);
    if (req.method === "POST" && m) {
      const now = Date.now();
      if (armed && !admit(now)) {
        throttled++;
        res.writeHead(429, { "Retry-After": "1", "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: { code: "TooManyRequests", message: "throttled" } }));
        return;
      }
      if (armed) {
        accepted++;
        if (!firstAt) firstAt = now;
        lastAt = now;
        const id = decodeURIComponent(m[1]);
        perConversation.set(id, (perConversation.get(id) || 0) + 1);
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: "activity-" + accepted }));
      return;
    }
    res.writeHead(404); res.end();
  });
});
server.keepAliveTimeout = 60000;
server.listen(port, "127.0.0.1", () => console.log("fanout connector on " + server.address().port));
