-- wrk script: each request is one personal-chat turn with one of a few drafts; the bot replies to the fake
-- connector at SERVICE_URL before it answers, so a request's latency is a whole turn's.
local service_url = os.getenv("SERVICE_URL")
local drafts = {
  "Swipe up to save 20% with code DOCTOR",
  "Reminder: 'midlevels' are not doctors and never will be.",
  "Proud of our residents who presented at #ACC26 today. Great science, great team!",
  "Had a patient today, 45 y/o teacher from Springfield, who came in with chest pain after her divorce. Turned out to be her heart after all. Wear your seatbelts and take your statins, people! Sponsored by nobody. DM me if you want advice on your meds.",
}
local counter = 0

request = function()
  counter = counter + 1
  local draft = drafts[(counter % #drafts) + 1]
  local body = string.format([[{"type":"message","id":"load-%d","channelId":"msteams","serviceUrl":"%s","from":{"id":"29:load-user-%d"},"recipient":{"id":"28:commsbot"},"conversation":{"id":"a:load-%d","conversationType":"personal","tenantId":"t"},"text":"%s","textFormat":"plain"}]],
    counter, service_url, counter % 50, counter % 50, draft)
  return wrk.format("POST", "/api/messages", { ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f turns_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
