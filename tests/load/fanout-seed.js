// Sets up a fan-out through the bot's own endpoint: N group chats each say "nudges on" (the bot stores each chat's
// conversation reference and subscription), then one chat adds a kudos about its sender (consented: it is their
// own). Usage: node fanout-seed.js BOT_URL SERVICE_URL N [CONCURRENCY]
"use strict";
const http = require("http");
const [botUrl, serviceUrl, countArg, concurrencyArg] = process.argv.slice(2);
const count = Number(countArg), concurrency = Number(concurrencyArg || 16);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(activity) {
  const body = JSON.stringify(activity);
  return new Promise((resolve, reject) => {
    const req = http.request(new URL("/api/messages", botUrl), { method: "POST", agent, headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } }, res => {
      res.resume();
      res.on("end", () => res.statusCode < 300 ? resolve() : reject(new Error("HTTP " + res.statusCode)));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function activity(i, text, extra) {
  return Object.assign({
    type: "message", id: "seed-" + i + "-" + Math.random().toString(36).slice(2), channelId: "msteams", serviceUrl, text,
    from: { id: "29:user-" + i, aadObjectId: "00000000-0000-0000-0000-" + String(i).padStart(12, "0") },
    recipient: { id: "28:bot" },
    conversation: { id: "a:fanout-" + i, conversationType: "groupChat", isGroup: true, tenantId: "tenant-1" },
  }, extra || {});
}

(async () => {
  let next = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      await post(activity(i, "nudges on"));
    }
  });
  await Promise.all(workers);
  await post(activity(0, "kudos <at>Dr Zero</at> award https://example.org/award Teaching award", {
    entities: [{ type: "mention", text: "<at>Dr Zero</at>", mentioned: { id: "29:user-0", name: "Dr Zero" } }],
  }));
  console.log("seeded " + count + " subscribed chats and one consented kudos");
})().catch(e => { console.error(e.message); process.exit(1); });
