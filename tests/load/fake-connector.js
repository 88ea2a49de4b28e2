// A loopback stand-in for the Bot Framework connector: accepts the bot's replies
// (POST /v3/conversations/{id}/activities[/{replyToId}]) and answers as the real one does. Counts them.
"use strict";
const http = require("http");
const port = Number(process.argv[2] || 0);
let replies = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (req.method === "POST" && req.url.startsWith("/v3/conversations/")) {
      replies++;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: "reply-" + replies }));
    } else if (req.url === "/count") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(String(replies));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});
server.keepAliveTimeout = 60000;
server.listen(port, "127.0.0.1", () => console.log("fake connector on " + server.address().port));
