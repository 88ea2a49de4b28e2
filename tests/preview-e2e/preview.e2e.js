// The preview page in a real browser: Debian's Chromium driven by playwright-core (no browser download).
// Usage: node preview.e2e.js <base-url> <artifacts-dir>
// Exits 0 when every check passes; otherwise prints what failed, saves a screenshot of the failure and exits 1.
// Started by tests/CommsBot.Bot.Tests/Web/PreviewBrowserTests.cs against the real host on a loopback port.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const DRAFT = "Swipe up to save 20% with code DOCTOR";
const RULE = "undisclosed-partnership";
const [base, artifacts] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// As the machine's notes prescribe: without the background-networking flags Chromium tries hosts it cannot reach.
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok: ${message}`);
}

async function waitForText(locator, text, what) {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ timeout: 15000 });
  } catch {
    throw new Error(`${what} does not show "${text}"; it shows: ${(await locator.first().innerText().catch(() => "(nothing)")).slice(0, 400)}`);
  }
  console.log(`ok: ${what} shows "${text}"`);
}

async function scenario(context, name, viewport, applyFrom) {
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.setViewportSize(viewport);
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.protocol !== "data:" && !LOOPBACK.has(url.hostname)) problems.push(`request to another host: ${url.origin}`);
  });

  try {
    await page.goto(base, { waitUntil: "load" });
    check(await page.title() === "CommsBot preview", `${name}: the page is served`);

    // Keyboard: Tab from the top reaches the draft, then account, platform and the button, in that order.
    const order = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.className)));
    }
    check(JSON.stringify(order) === JSON.stringify(["skip", "draft", "account", "platform", "check"]), `${name}: focus order is skip link, draft, account, platform, Check (${order.join(", ")})`);

    // Type the draft (as a person would), pick the account and platform, submit with Ctrl+Enter.
    const draft = page.getByRole("textbox", { name: "Draft", exact: true });
    await draft.click();
    await draft.pressSequentially(DRAFT, { delay: 5 });
    await page.getByLabel("Account", { exact: true }).selectOption("personal");
    await page.getByLabel("Platform", { exact: true }).selectOption("instagram");
    await draft.press("Control+Enter");

    // (b) The Adaptive Card, rendered by the adaptivecards renderer, names the rule and the verdict.
    const card = page.locator("#card .ac-adaptiveCard");
    await card.waitFor();
    await waitForText(card, RULE, `${name}: the rendered card`);
    await waitForText(card, "Do not post", `${name}: the rendered card`);
    await waitForText(page.locator("#status"), "Do not post", `${name}: the live status`);

    // (a) The draft with the finding's span highlighted.
    const mark = page.locator(`#highlighted mark[data-rules~="${RULE}"]`);
    check(await mark.count() === 1 && (await mark.innerText()) === DRAFT, `${name}: the span of ${RULE} is highlighted`);
    check(/blocker/.test(await mark.getAttribute("class")), `${name}: the highlight is coloured as a blocker`);
    await waitForText(page.locator("#legend li"), RULE, `${name}: the findings list`);

    // (c) The Slack preview.
    await waitForText(page.locator("#slack"), RULE, `${name}: the Slack preview`);
    await waitForText(page.locator("#slack .s-header"), "Do not post", `${name}: the Slack header`);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `${name}: no sideways scrolling at ${viewport.width} px (overflow ${overflow} px)`);
    await page.screenshot({ path: path.join(artifacts, `preview-${name}.png`), fullPage: true });

    // (d) Apply fixes: the page's button, or the card's own Action.Submit.
    if (applyFrom === "card") await card.getByRole("button", { name: "Apply fixes" }).click();
    else await page.locator("#apply-fixes").click();
    await page.waitForFunction(() => document.getElementById("draft").value.startsWith("#ad"));
    await waitForText(page.locator("#revised-note"), "revised draft", `${name}: the note after Apply fixes`);
    await page.waitForFunction(() => document.getElementById("highlighted").textContent.startsWith("#ad"));
    const revised = await page.evaluate(() => {
      const copy = document.getElementById("highlighted").cloneNode(true);
      copy.querySelectorAll("sup.ref").forEach((ref) => ref.remove()); // the [n] links to the findings list
      return copy.textContent;
    });
    check(revised.startsWith("#ad ") && revised.endsWith(DRAFT), `${name}: the revised draft starts with "#ad" (${JSON.stringify(revised)})`);
    await page.waitForFunction((rule) => !document.querySelector("#card .ac-adaptiveCard").textContent.includes(rule), RULE);
    check(true, `${name}: the fresh card no longer names ${RULE}`);
    await page.screenshot({ path: path.join(artifacts, `preview-${name}-fixed.png`), fullPage: true });

    check(problems.length === 0, `${name}: no console errors, page errors or requests to other hosts${problems.length ? ": " + problems.join("; ") : ""}`);
  } catch (e) {
    await page.screenshot({ path: path.join(artifacts, `preview-${name}-failure.png`), fullPage: true }).catch(() => {});
    if (problems.length) e.message += `\n(browser said: ${problems.join("; ")})`;
    throw e;
  } finally {
    await page.close();
  }
}

async function main() {
  if (!base || !artifacts) throw new Error("usage: node preview.e2e.js <base-url> <artifacts-dir>");
  fs.mkdirSync(artifacts, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "commsbot-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: FLAGS, chromiumSandbox: false });
  try {
    await scenario(context, "desktop", { width: 1280, height: 900 }, "page");
    await scenario(context, "phone", { width: 390, height: 844 }, "card");
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`screenshots in ${artifacts}`);
}

main().then(
  () => process.exit(0),
  (e) => { console.error(`FAILED: ${e.message}`); process.exit(1); },
);
