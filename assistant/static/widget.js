/* Programme documents assistant: a chat widget in a Shadow DOM, for any page (plain JS, no build step).
 *   <script src="https://assistant.example/widget.js" data-lang="nb" defer></script>
 * data-lang: "nb" | "en" (default: the browser's language); data-mode="page" with data-target="#id" fills an
 * element instead of floating (the full page at / uses that); data-timeout: ms without any byte before giving up. */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!script || window.__programmeAssistant) return;
  window.__programmeAssistant = true;
  var ORIGIN = new URL(script.src, location.href).origin;
  var PAGE_MODE = script.dataset.mode === "page";
  var TIMEOUT = Number(script.dataset.timeout) || 30000;
  var SLOW = 6000;

  var TEXT = {
    nb: {
      title: "Programassistent", open: "Spør om programmene", close: "Lukk assistenten", newChat: "Ny samtale",
      other: "English", otherLang: "en", otherLabel: "Switch to English",
      intro: "Spør om Industri 4.0 Trøndelag, DigiBest og Skills+. Svarene er sitater fra programdokumentene, med kilde.",
      starters: ["Hvordan fungerer trinnmodellen?", "Hvem kunne søke om støtte, og til hva?",
                 "Hva betalte bedriftene for trinn 2?"],
      startersLabel: "Forslag til spørsmål", inputLabel: "Ditt spørsmål", placeholder: "Still et spørsmål …",
      send: "Send", you: "Du", bot: "Assistenten", thinking: "Leter i dokumentene …",
      slow: "Dette tar lengre tid enn vanlig …", sources: "Kilder", page: "side",
      cite: function (c) { return "Kilde " + c.n + (c.title ? ": " + c.title + ", side " + c.page : ""); },
      original: function (p) { return "Åpne originaldokumentet på side " + p; },
      back: "Tilbake til samtalen", loadingSource: "Henter siden …", sourceFailed: "Kunne ikke hente siden.",
      section: "Avsnitt", passage: "Det siterte avsnittet er uthevet.",
      question: "Var svaret nyttig?", helpful: "Nyttig", notHelpful: "Ikke nyttig",
      comment: "Kommentar (valgfritt)", sendFeedback: "Send tilbakemelding", thanks: "Takk for tilbakemeldingen!",
      feedbackFailed: "Tilbakemeldingen ble ikke lagret. Prøv igjen.",
      expired: "Den forrige samtalen var utløpt, så dette er en ny samtale.",
      down: "Assistenten kan ikke nås akkurat nå. Sjekk nettverket og prøv igjen om litt.",
      unavailable: "Assistenten er ikke klar (den starter, eller en tjeneste er nede). Prøv igjen om litt.",
      timeout: "Assistenten svarte ikke i tide. Prøv igjen.",
      limited: "For mange spørsmål på kort tid. Vent et minutt og prøv igjen.",
      forbidden: "Denne siden har ikke tilgang til assistenten.",
      failed: "Noe gikk galt: ", cut: "Svaret ble avbrutt. Prøv igjen."
    },
    en: {
      title: "Programme assistant", open: "Ask about the programmes", close: "Close the assistant",
      newChat: "New conversation", other: "Norsk", otherLang: "nb", otherLabel: "Bytt til norsk",
      intro: "Ask about Industri 4.0 Trøndelag, DigiBest and Skills+. Answers are quotes from the programme documents, with their source.",
      starters: ["How does the stage model work?", "Who could apply for support, and for what?",
                 "What did the companies pay for stage 2?"],
      startersLabel: "Suggested questions", inputLabel: "Your question", placeholder: "Ask a question …",
      send: "Send", you: "You", bot: "Assistant", thinking: "Searching the documents …",
      slow: "This is taking longer than usual …", sources: "Sources", page: "page",
      cite: function (c) { return "Source " + c.n + (c.title ? ": " + c.title + ", page " + c.page : ""); },
      original: function (p) { return "Open the original document at page " + p; },
      back: "Back to the conversation", loadingSource: "Loading the page …", sourceFailed: "Could not load the page.",
      section: "Section", passage: "The quoted passage is highlighted.",
      question: "Was this answer helpful?", helpful: "Helpful", notHelpful: "Not helpful",
      comment: "Comment (optional)", sendFeedback: "Send feedback", thanks: "Thank you for the feedback!",
      feedbackFailed: "The feedback was not saved. Please try again.",
      expired: "The earlier conversation had expired, so this is a new one.",
      down: "The assistant cannot be reached right now. Check the network and try again shortly.",
      unavailable: "The assistant is not ready (starting, or a service is down). Try again shortly.",
      timeout: "The assistant did not answer in time. Please try again.",
      limited: "Too many questions in a short time. Wait a minute and try again.",
      forbidden: "This page is not allowed to use the assistant.",
      failed: "Something went wrong: ", cut: "The answer was cut off. Please try again."
    }
  };

  var lang = pickLang(script.dataset.lang);
  var t = TEXT[lang];
  var sessionId = null;
  var inflight = null;
  var lastChip = null;
  var open = PAGE_MODE;

  function pickLang(wanted) {
    var l = (wanted || navigator.language || "en").toLowerCase();
    return /^(nb|nn|no)\b/.test(l) ? "nb" : "en";
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "on") Object.keys(attrs.on).forEach(function (ev) { e.addEventListener(ev, attrs.on[ev]); });
      else if (attrs[k] !== false && attrs[k] != null) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  // ---- the frame: host element, shadow root, panel ------------------------------------------------------------
  var host = document.createElement("programme-assistant");
  var target = PAGE_MODE && script.dataset.target ? document.querySelector(script.dataset.target) : null;
  (target || document.body).appendChild(host);
  var root = host.attachShadow({ mode: "open" });
  root.appendChild(el("style", { text: ":host{all:initial;display:block}.pa{visibility:hidden}[hidden]{display:none!important}" }));
  root.appendChild(el("link", { rel: "stylesheet", href: ORIGIN + "/static/widget.css" }));

  var launcher = el("button", { class: "pa-launcher", type: "button", "aria-controls": "pa-panel",
                                "aria-expanded": "false", on: { click: function () { setOpen(true); } } });
  var titleEl = el("h2", { id: "pa-title", class: "pa-title" });
  var newBtn = el("button", { class: "pa-hbtn", type: "button", on: { click: newConversation } });
  var langBtn = el("button", { class: "pa-hbtn", type: "button", on: { click: function () { setLang(t.otherLang); } } });
  var closeBtn = el("button", { class: "pa-hbtn pa-close", type: "button", on: { click: function () { setOpen(false); } } }, ["×"]);
  var log = el("div", { class: "pa-log", role: "log", "aria-live": "polite", "aria-relevant": "additions" });
  var status = el("div", { class: "pa-status", role: "status", "aria-live": "polite" });
  var inputLabel = el("label", { for: "pa-q", class: "pa-sr" });
  var input = el("textarea", { id: "pa-q", rows: "2", maxlength: "2000", autocomplete: "off" });
  var sendBtn = el("button", { type: "submit", class: "pa-send" });
  var form = el("form", { class: "pa-form", on: { submit: function (e) { e.preventDefault(); submit(); } } },
                [inputLabel, input, sendBtn]);
  var srcBack = el("button", { type: "button", class: "pa-back", on: { click: closeSource } });
  var srcTitle = el("h3", { id: "pa-src-title", class: "pa-src-title", tabindex: "-1" });
  var srcMeta = el("p", { class: "pa-src-meta" });
  var srcText = el("div", { class: "pa-src-text", tabindex: "0", role: "document", "aria-labelledby": "pa-src-title" });
  var srcLink = el("a", { class: "pa-src-link", target: "_blank", rel: "noopener" });
  var source = el("section", { class: "pa-source", role: "region", "aria-labelledby": "pa-src-title", hidden: true },
                  [srcBack, srcTitle, srcMeta, srcText, srcLink]);
  var panel = el("section", { id: "pa-panel", class: "pa-panel", role: "dialog", "aria-labelledby": "pa-title",
                              "aria-modal": "false", hidden: !PAGE_MODE },
                 [el("header", { class: "pa-head" }, [titleEl, el("div", { class: "pa-actions" },
                    [newBtn, langBtn, PAGE_MODE ? null : closeBtn])]),
                  el("div", { class: "pa-body" }, [log, status, form, source])]);
  var frame = el("div", { class: "pa " + (PAGE_MODE ? "pa-page" : "pa-float") }, [PAGE_MODE ? null : launcher, panel]);
  root.appendChild(frame);

  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
  });
  panel.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    if (!source.hidden) { e.stopPropagation(); closeSource(); }
    else if (!PAGE_MODE) { setOpen(false); }
  });

  function setLang(l) {
    lang = l; t = TEXT[l];
    frame.setAttribute("lang", l);
    launcher.setAttribute("aria-label", t.open);
    launcher.replaceChildren(el("span", { class: "pa-icon", "aria-hidden": "true" }, ["?"]), el("span", { text: t.open }));
    titleEl.textContent = t.title;
    newBtn.textContent = t.newChat;
    langBtn.replaceChildren(el("span", { class: "pa-long", text: t.other }),
                            el("span", { class: "pa-short", "aria-hidden": "true", text: t.otherLang.toUpperCase() }));
    langBtn.setAttribute("aria-label", t.otherLabel);
    langBtn.setAttribute("lang", t.otherLang);
    closeBtn.setAttribute("aria-label", t.close);
    inputLabel.textContent = t.inputLabel;
    input.placeholder = t.placeholder;
    sendBtn.textContent = t.send;
    srcBack.textContent = "← " + t.back;
    var intro = log.querySelector(".pa-intro");
    if (intro) intro.replaceWith(introBlock());
  }

  function introBlock() {
    return el("div", { class: "pa-intro" }, [
      el("p", { text: t.intro }),
      el("div", { class: "pa-starters", role: "group", "aria-label": t.startersLabel }, t.starters.map(function (q) {
        return el("button", { type: "button", class: "pa-starter", text: q, on: { click: function () { ask(q); } } });
      }))
    ]);
  }

  function setOpen(v) {
    if (PAGE_MODE) return;
    open = v;
    panel.hidden = !v;
    launcher.hidden = v;
    launcher.setAttribute("aria-expanded", String(v));
    if (v) input.focus(); else launcher.focus();
  }

  function newConversation() {
    if (inflight) inflight.abort("new");
    sessionId = null;
    closeSource();
    log.replaceChildren(introBlock());
    status.textContent = "";
    input.value = "";
    input.focus();
  }

  // ---- asking: POST /chat/stream and read the Server-Sent Events as they arrive ------------------------------
  function submit() {
    var q = input.value.trim();
    if (q && !inflight) { input.value = ""; ask(q); }
  }

  function ask(question) {
    if (inflight) return;
    var intro = log.querySelector(".pa-intro");
    if (intro) intro.remove();
    log.appendChild(el("div", { class: "pa-msg pa-user" }, [el("span", { class: "pa-sr", text: t.you + ": " }), question]));
    var msg = { question: question, text: "", citations: [], abstained: false,
                body: el("div", { class: "pa-text" }) };
    msg.node = el("div", { class: "pa-msg pa-bot", "aria-busy": "true" },
                  [el("span", { class: "pa-sr", text: t.bot + ": " }), msg.body]);
    log.appendChild(msg.node);
    scroll();
    status.textContent = t.thinking;
    sendBtn.disabled = true;
    var ctrl = new AbortController();
    inflight = ctrl;
    var timer = null;
    function arm() { clearTimeout(timer); timer = setTimeout(function () { ctrl.abort("timeout"); }, TIMEOUT); }
    var slow = setTimeout(function () { if (!msg.text) status.textContent = t.slow; }, SLOW);
    arm();
    var finished = false;
    fetch(ORIGIN + "/chat/stream", {
      method: "POST", headers: { "content-type": "application/json" }, signal: ctrl.signal,
      body: JSON.stringify({ question: question, session_id: sessionId, lang: lang })
    }).then(function (res) {
      if (!res.ok) return res.json().catch(function () { return {}; }).then(function (b) { throw httpError(res.status, b.detail); });
      var reader = res.body.getReader(), dec = new TextDecoder(), buf = "";
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) return;
          arm();
          buf += dec.decode(r.value, { stream: true }).replace(/\r\n/g, "\n");
          var i;
          while ((i = buf.indexOf("\n\n")) >= 0) {
            var ev = parseEvent(buf.slice(0, i));
            buf = buf.slice(i + 2);
            if (ev && handle(ev)) finished = true;
          }
          return pump();
        });
      }
      return pump();
    }).then(function () {
      if (!finished) showError(msg, t.cut);
    }).catch(function (err) {
      if (ctrl.signal.reason === "new") return;
      if (ctrl.signal.reason === "timeout") showError(msg, t.timeout);
      else if (err && err.status) showError(msg, messageFor(err));
      else showError(msg, t.down);
    }).then(function () {
      clearTimeout(timer); clearTimeout(slow);
      msg.node.setAttribute("aria-busy", "false");
      if (inflight === ctrl) inflight = null;
      sendBtn.disabled = false;
      if (status.textContent === t.thinking || status.textContent === t.slow) status.textContent = "";
    });

    function handle(ev) {
      var d = ev.data;
      if (ev.event === "session") {
        if (d.expired && sessionId) log.insertBefore(el("p", { class: "pa-note", text: t.expired }), msg.node.previousSibling);
        sessionId = msg.session = d.session_id;
      } else if (ev.event === "token") {
        if (!msg.text) status.textContent = "";
        msg.text += d.text;
        renderAnswer(msg);
        scroll();
      } else if (ev.event === "citations") {
        msg.citations = d;
        renderAnswer(msg);
      } else if (ev.event === "done") {
        msg.abstained = !!d.abstained;
        renderSources(msg);
        msg.node.appendChild(feedbackBlock(msg));
        scroll();
        return true;
      } else if (ev.event === "error") {
        showError(msg, t.failed + d.detail);
        return true;
      }
      return false;
    }
  }

  function parseEvent(raw) {
    var event = "message", data = [];
    raw.split("\n").forEach(function (line) {
      if (line.indexOf("event:") === 0) event = line.slice(6).trim();
      else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
    });
    try { return { event: event, data: JSON.parse(data.join("\n")) }; } catch (e) { return null; }
  }

  function httpError(status, detail) { var e = new Error(detail || String(status)); e.status = status; e.detail = detail; return e; }

  function messageFor(err) {
    if (err.status === 503) return t.unavailable;
    if (err.status === 429) return t.limited + (err.detail ? " (" + err.detail + ")" : "");
    if (err.status === 403) return t.forbidden + (err.detail ? " (" + err.detail + ")" : "");
    return t.failed + err.status + (err.detail ? " " + (typeof err.detail === "string" ? err.detail : JSON.stringify(err.detail)) : "");
  }

  function showError(msg, text) {
    status.textContent = "";
    msg.node.classList.add("pa-error");
    msg.node.appendChild(el("p", { class: "pa-errtext", role: "alert", text: text }));
    scroll();
  }

  function scroll() { log.scrollTop = log.scrollHeight; }

  // ---- the answer: lines, list items and [n] markers as chips -----------------------------------------------
  function renderAnswer(msg) {
    var blocks = [], list = null;
    msg.text.split("\n").forEach(function (line) {
      if (/^\s*[-•]\s+/.test(line)) {
        if (!list) { list = el("ul"); blocks.push(list); }
        list.appendChild(el("li", {}, inline(line.replace(/^\s*[-•]\s+/, ""), msg)));
      } else if (line.trim()) {
        list = null;
        blocks.push(el("p", {}, inline(line, msg)));
      }
    });
    msg.body.replaceChildren.apply(msg.body, blocks);
  }

  function inline(text, msg) {
    return text.split(/(\[\d+\])/).map(function (part) {
      var m = /^\[(\d+)\]$/.exec(part);
      return m ? chip(Number(m[1]), msg) : part;
    });
  }

  function chip(n, msg) {
    var c = msg.citations.filter(function (x) { return x.n === n; })[0];
    return el("button", { type: "button", class: "pa-chip", "aria-label": t.cite(c || { n: n }), title: c ? c.title + ", " + t.page + " " + c.page : null,
                          disabled: !c, on: { click: function (e) { if (c) openSource(c, e.currentTarget); } } }, [String(n)]);
  }

  function renderSources(msg) {
    if (!msg.citations.length) return;
    var seen = {};
    var items = msg.citations.filter(function (c) {
      var k = c.doc_id + "#" + c.page; if (seen[k]) return false; seen[k] = true; return true;
    }).map(function (c) {
      var nums = msg.citations.filter(function (x) { return x.doc_id === c.doc_id && x.page === c.page; });
      return el("li", {}, nums.map(function (x) { return chip(x.n, msg); }).concat([" " + c.title + ", " + t.page + " " + c.page]));
    });
    msg.node.appendChild(el("div", { class: "pa-sources" }, [el("h3", { text: t.sources }), el("ul", {}, items)]));
  }

  // ---- a source: the page text with the quoted passage highlighted, and a link to the original ---------------
  function openSource(c, fromChip) {
    lastChip = fromChip;
    srcTitle.textContent = c.title || c.doc_id;
    srcMeta.textContent = t.page[0].toUpperCase() + t.page.slice(1) + " " + c.page + (c.section ? " · " + t.section + ": " + c.section : "");
    srcLink.href = ORIGIN + c.url;
    srcLink.textContent = t.original(c.page) + " ↗";
    srcText.replaceChildren(el("p", { class: "pa-muted", text: t.loadingSource }));
    source.hidden = false;
    srcTitle.focus();
    fetch(ORIGIN + "/documents/" + encodeURIComponent(c.doc_id) + "/pages/" + c.page).then(function (res) {
      if (!res.ok) throw httpError(res.status);
      return res.json();
    }).then(function (p) {
      var chars = Array.from(p.text); // spans count code points, as Python does
      var mark = el("mark", { class: "pa-hl" }, [chars.slice(c.char_start, c.char_end).join("")]);
      srcText.replaceChildren(el("p", { class: "pa-sr", text: t.passage }),
                              chars.slice(0, c.char_start).join(""), mark, chars.slice(c.char_end).join(""));
      mark.scrollIntoView({ block: "center" });
    }).catch(function () { srcText.replaceChildren(el("p", { class: "pa-errtext", role: "alert", text: t.sourceFailed })); });
  }

  function closeSource() {
    if (source.hidden) return;
    source.hidden = true;
    if (lastChip && lastChip.isConnected) lastChip.focus(); else input.focus();
  }

  // ---- feedback: helpful / not helpful with an optional comment ----------------------------------------------
  function feedbackBlock(msg) {
    var verdict = null;
    var yes = el("button", { type: "button", class: "pa-fbbtn", "aria-pressed": "false", on: { click: function () { choose(true); } } }, [t.helpful]);
    var no = el("button", { type: "button", class: "pa-fbbtn", "aria-pressed": "false", on: { click: function () { choose(false); } } }, [t.notHelpful]);
    var cid = "pa-c" + Math.random().toString(36).slice(2);
    var comment = el("textarea", { id: cid, rows: "2", maxlength: "2000" });
    var send = el("button", { type: "submit", class: "pa-send" }, [t.sendFeedback]);
    var note = el("p", { class: "pa-fbnote", role: "status" });
    var more = el("form", { class: "pa-fbmore", hidden: true, on: { submit: function (e) { e.preventDefault(); post(); } } },
                  [el("label", { for: cid, text: t.comment }), comment, send]);
    var box = el("div", { class: "pa-feedback", role: "group", "aria-label": t.question },
                 [el("span", { class: "pa-fbq", text: t.question }), yes, no, more, note]);
    function choose(v) {
      verdict = v;
      yes.setAttribute("aria-pressed", String(v)); no.setAttribute("aria-pressed", String(!v));
      more.hidden = false; comment.focus();
    }
    function post() {
      send.disabled = true;
      fetch(ORIGIN + "/feedback", {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ session_id: msg.session || "", question: msg.question, answer: msg.text, citations: msg.citations,
                               helpful: verdict, abstained: msg.abstained, comment: comment.value })
      }).then(function (res) {
        if (!res.ok) throw httpError(res.status);
        box.replaceChildren(el("p", { class: "pa-fbnote", role: "status", text: t.thanks }));
        input.focus(); // the focused button is gone; keep focus in the panel so Esc and typing still work
      }).catch(function () { note.textContent = t.feedbackFailed; send.disabled = false; });
    }
    return box;
  }

  setLang(lang);
  log.appendChild(introBlock());
})();
