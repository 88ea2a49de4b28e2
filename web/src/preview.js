// The preview page: POST /api/evaluate, then show the draft with its findings highlighted, the Adaptive Card rendered
// by the official renderer (adaptivecards, served from this host), and the Slack blocks. No network beyond this host.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const form = $("check-form");
  const draft = $("draft");
  const account = $("account");
  const platform = $("platform");
  const apiKey = $("api-key");
  const checkButton = $("check");
  const applyButton = $("apply-fixes");
  const undoButton = $("undo-fixes");
  const statusLine = $("status");
  const errorBox = $("error");
  const output = $("output");

  const SEVERITIES = { blocker: "Blocker", warning: "Warning", suggestion: "Suggestion", praise: "Praise" };
  const RANK = { praise: 0, suggestion: 1, warning: 2, blocker: 3 };
  const VERDICTS = { "do-not-post": "Do not post", revise: "Revise", ready: "Ready to post" };
  const EMOJI = { no_entry: "⛔", warning: "⚠️", white_check_mark: "✅", bulb: "💡", memo: "📝", mag: "🔍" };

  let current = null; // { text, result }
  let beforeFixes = null; // the draft before Apply fixes, for Undo
  let busy = false;

  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  };

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  // ---- talking to the host ----

  async function evaluate(text) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (apiKey.value.trim()) headers["X-Api-Key"] = apiKey.value.trim();
    const response = await fetch("/api/evaluate", {
      method: "POST",
      headers,
      body: JSON.stringify({ text, account: account.value, platform: platform.value }),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((body && (body.detail || body.title)) || `The server answered ${response.status}.`);
      error.problem = body;
      error.status = response.status;
      error.retryAfter = response.headers.get("Retry-After");
      throw error;
    }
    return body;
  }

  async function check(text, note) {
    if (busy) return;
    if (!text.trim()) {
      showError({ message: "Paste a draft first." });
      draft.focus();
      return;
    }
    busy = true;
    checkButton.disabled = true;
    applyButton.disabled = true;
    statusLine.textContent = "Checking…";
    hideError();
    try {
      const result = await evaluate(text);
      current = { text, result };
      render(text, result, note);
      const count = result.findings.length;
      // The note (fixes applied, undone) is shown with the draft; the live status stays one short sentence.
      statusLine.textContent = `${note ? "Checked again" : "Checked"}: ${VERDICTS[result.verdict] || result.verdict}, ${plural(count, "finding", "findings")}.`;
    } catch (e) {
      statusLine.textContent = "";
      showError(e);
    } finally {
      busy = false;
      checkButton.disabled = false;
      applyButton.disabled = false;
    }
  }

  function showError(e) {
    errorBox.replaceChildren();
    const problem = e.problem;
    errorBox.append(el("p", { class: "error-title", text: (problem && problem.title) || "The draft could not be checked." }));
    if (problem && problem.detail) errorBox.append(el("p", { text: problem.detail }));
    if (problem && problem.errors) {
      const list = el("ul");
      for (const messages of Object.values(problem.errors)) {
        for (const message of messages) list.append(el("li", { text: message }));
      }
      errorBox.append(list);
    }
    if (!problem) errorBox.append(el("p", { text: e.message }));
    if (e.status === 429 && e.retryAfter) errorBox.append(el("p", { text: `Try again in ${e.retryAfter} s.` }));
    errorBox.hidden = false;
    if (e.status === 401) {
      $("key-details").open = true;
      apiKey.focus();
    }
  }

  function hideError() {
    errorBox.hidden = true;
    errorBox.replaceChildren();
  }

  // ---- rendering ----

  function render(text, result, note) {
    output.hidden = false;
    const verdict = $("verdict");
    verdict.textContent = VERDICTS[result.verdict] || result.verdict;
    verdict.className = `verdict verdict-${result.verdict}`;

    const canFix = result.revisedText !== text;
    applyButton.hidden = !canFix;
    undoButton.hidden = beforeFixes === null;
    const revisedNote = $("revised-note");
    revisedNote.hidden = !note;
    revisedNote.textContent = note || "";

    renderHighlights(text, result.findings);
    renderLegend(result.findings);
    renderCard(result.card);
    renderSlack(result.blocks);
  }

  // The draft as text nodes, each span of a finding in a <mark> coloured by its worst severity, and a numbered
  // reference to the findings list where each finding ends (the tooltip alone is no use on a keyboard or a phone).
  function renderHighlights(text, findings) {
    const host = $("highlighted");
    host.replaceChildren();
    const clamp = (n) => Math.max(0, Math.min(text.length, n));
    const items = findings.map((f, i) => ({ ...f, n: i + 1, from: clamp(f.start), to: clamp(f.start + f.length) }));
    const cuts = new Set([0, text.length]);
    for (const f of items) { cuts.add(f.from); cuts.add(f.to); }
    const points = [...cuts].sort((a, b) => a - b);

    const refsAt = (pos) => items.filter((f) => f.to === pos).map((f) =>
      el("sup", { class: `ref sev-${f.severity}`, title: `${f.rule}: ${f.title}` }, el("a", { href: `#finding-${f.n}`, text: `[${f.n}]` })));

    host.append(...refsAt(0));
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = items.filter((f) => f.from <= a && f.to >= b && f.to > f.from);
      if (covering.length === 0) {
        host.append(document.createTextNode(piece));
      } else {
        const worst = covering.reduce((w, f) => (RANK[f.severity] > RANK[w.severity] ? f : w));
        host.append(el("mark", {
          class: `sev-${worst.severity}`,
          "data-rules": covering.map((f) => f.rule).join(" "),
          title: covering.map((f) => `${SEVERITIES[f.severity] || f.severity}: ${f.rule} (${f.title})`).join("\n"),
        }, piece));
      }
      host.append(...refsAt(b));
    }
  }

  function renderLegend(findings) {
    const legend = $("legend");
    legend.replaceChildren();
    if (findings.length === 0) {
      legend.append(el("li", { class: "none", text: "Nothing to flag." }));
      return;
    }
    findings.forEach((f, i) => {
      const why = el("details", {},
        el("summary", { text: "Why, and how to fix it" }),
        el("p", { text: f.rationale }),
        el("p", { class: "source" }, el("span", { text: "Source: " }), f.source),
        el("p", {}, el("strong", { text: "Fix: " }), f.fix.title));
      legend.append(el("li", { id: `finding-${i + 1}`, class: `sev-${f.severity}`, "data-rule": f.rule },
        el("div", { class: "finding-head" },
          el("span", { class: "swatch", "aria-hidden": "true" }),
          el("span", { class: "sev", text: SEVERITIES[f.severity] || f.severity }),
          el("strong", { text: f.title }),
          el("code", { text: f.rule })),
        el("p", { text: f.message }),
        why));
    });
  }

  // Teams' markdown subset, on text escaped first: **bold**, _italic_, `code`, [links](https://…), line breaks.
  function markdown(text) {
    const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    return escaped
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,;:!?])/g, "$1<em>$2</em>")
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" rel="noopener noreferrer" target="_blank">$1</a>')
      .replace(/\n/g, "<br>");
  }

  function renderCard(json) {
    const host = $("card");
    const note = $("card-note");
    note.textContent = "";
    if (typeof AdaptiveCards === "undefined") {
      host.replaceChildren(el("p", { class: "error", text: "The Adaptive Cards renderer did not load." }));
      return;
    }
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = markdown(text);
      result.didProcess = true;
    };
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig({
      fontFamily: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', sans-serif",
      actions: { actionsOrientation: "horizontal", actionAlignment: "left", buttonSpacing: 8, maxActions: 5, spacing: "default" },
    });
    card.onExecuteAction = onCardAction;
    card.parse(json);
    const rendered = card.render();
    host.replaceChildren(rendered || el("p", { class: "error", text: "The card could not be rendered." }));
  }

  // The card's own buttons work here as they do in Teams, where it makes sense without a bot.
  function onCardAction(action) {
    const data = (action && action.data) || {};
    const note = $("card-note");
    switch (data.action) {
      case "applyFixes":
        applyFixes();
        break;
      case "recheck":
        if (data.account && [...account.options].some((o) => o.value === data.account)) account.value = data.account;
        check(draft.value);
        break;
      case "why":
        document.querySelectorAll("#legend details").forEach((d) => { d.open = true; });
        note.textContent = "In Teams, Why? sends the rationale of each rule: here it is open under Findings.";
        break;
      case "notAnIssue":
        note.textContent = `In Teams, this reports a false positive for ${data.ruleId || "this rule"} to the bot's operators (the rule and a hash of the draft, never its text). Nothing is sent from the preview.`;
        break;
      default:
        note.textContent = "That button does nothing in the preview.";
    }
  }

  // ---- Slack ----

  function renderSlack(blocks) {
    const host = $("slack");
    host.replaceChildren();
    for (const block of blocks || []) {
      const node = slackBlock(block);
      if (node) host.append(node);
    }
  }

  function slackText(obj, parent) {
    if (!obj) return parent;
    if (obj.type === "mrkdwn") mrkdwn(obj.text || "", parent);
    else parent.append(emojify(obj.text || ""));
    return parent;
  }

  function slackBlock(block) {
    switch (block.type) {
      case "header":
        return slackText(block.text, el("div", { class: "s-header", role: "heading", "aria-level": "3" }));
      case "section": {
        const node = el("div", { class: "s-section" });
        const body = slackText(block.text, el("div", { class: "s-text" }));
        node.append(body);
        if (Array.isArray(block.fields)) {
          const fields = el("div", { class: "s-fields" });
          for (const field of block.fields) fields.append(slackText(field, el("div")));
          body.append(fields);
        }
        if (block.accessory) node.append(slackElement(block.accessory));
        return node;
      }
      case "context": {
        const node = el("div", { class: "s-context" });
        for (const item of block.elements || []) {
          node.append(item.type === "image" ? el("span", { text: item.alt_text || "" }) : slackText(item, el("span")));
        }
        return node;
      }
      case "divider":
        return el("hr", { class: "s-divider" });
      case "actions": {
        const node = el("div", { class: "s-actions" });
        for (const item of block.elements || []) node.append(slackElement(item));
        return node;
      }
      default:
        return el("div", { class: "s-context", text: `(${block.type} block)` });
    }
  }

  function slackElement(item) {
    if (item.type === "button") {
      return el("span", { class: `s-button${item.style ? " s-" + item.style : ""}` }, emojify(item.text ? item.text.text : ""));
    }
    if (item.type === "static_select") {
      const chosen = item.initial_option ? item.initial_option.text.text : (item.placeholder ? item.placeholder.text : "Select");
      return el("span", { class: "s-button s-select" }, `${chosen} ▾`);
    }
    return el("span", { class: "s-button", text: item.type });
  }

  function emojify(text) {
    return text.replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] || m);
  }

  // Slack's mrkdwn: text arrives with &, < and > escaped; <url|label> is a link; *bold*, _italic_, ~strike~, `code`,
  // and a line starting with > is a quote. Built as DOM nodes, never as HTML.
  function mrkdwn(text, parent) {
    const unescape = (s) => emojify(s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
    const inline = (s, into) => {
      const re = /<([^<>|]+)(?:\|([^<>]+))?>|`([^`\n]+)`|\*([^*\n]+)\*|(?<![\w])_([^_\n]+)_(?![\w])|~([^~\n]+)~/g;
      let last = 0;
      for (let m; (m = re.exec(s)) !== null;) {
        if (m.index > last) into.append(unescape(s.slice(last, m.index)));
        if (m[1] !== undefined) {
          const url = unescape(m[1]);
          into.append(/^https?:\/\//.test(url)
            ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: unescape(m[2] || m[1]) })
            : el("span", { class: "s-mention", text: unescape(m[2] || m[1]) }));
        } else if (m[3] !== undefined) into.append(el("code", { text: unescape(m[3]) }));
        else if (m[4] !== undefined) inline(m[4], into.appendChild(el("strong")));
        else if (m[5] !== undefined) inline(m[5], into.appendChild(el("em")));
        else if (m[6] !== undefined) inline(m[6], into.appendChild(el("s")));
        last = re.lastIndex;
      }
      if (last < s.length) into.append(unescape(s.slice(last)));
    };
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      const quote = /^(&gt;|>)/.exec(line);
      if (quote) {
        inline(line.slice(quote[0].length), parent.appendChild(el("blockquote")));
        return;
      }
      inline(line, parent);
      if (i < lines.length - 1 && !/^(&gt;|>)/.test(lines[i + 1])) parent.append(el("br"));
    });
  }

  // ---- actions ----

  function applyFixes() {
    if (!current || busy || current.result.revisedText === current.text) return;
    const edits = current.result.findings.reduce((n, f) => n + f.fix.edits.length, 0);
    beforeFixes = current.text;
    draft.value = current.result.revisedText;
    updateCount();
    check(draft.value, `Applied ${plural(edits, "edit", "edits")}: this is the revised draft, checked again.`)
      .then(() => { if (!undoButton.hidden) undoButton.focus(); });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    beforeFixes = null;
    check(draft.value);
  });

  draft.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  applyButton.addEventListener("click", applyFixes);

  undoButton.addEventListener("click", () => {
    if (beforeFixes === null) return;
    draft.value = beforeFixes;
    beforeFixes = null;
    updateCount();
    check(draft.value, "Undone: this is your draft as it was.").then(() => draft.focus());
  });

  function updateCount() {
    const n = draft.value.length;
    $("draft-count").textContent = n ? plural(n, "character", "characters") : "";
  }

  draft.addEventListener("input", updateCount);
  updateCount();
})();
