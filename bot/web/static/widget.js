/*
 * Hiwar chat widget: one <script> tag adds a launcher and a chat panel to any page.
 *
 *   <script src="https://HOST/widget.js" data-lang="ar" data-title="…" data-color="#0b6e4f" defer></script>
 *
 * Vanilla JS, no build step. Every user and bot text is put in the DOM with
 * textContent or createTextNode, never as HTML; only http(s) URLs become links.
 * The API base is the directory this script was loaded from. The session id lives
 * in localStorage so a reload keeps the conversation (history comes from the server).
 * When the server is unreachable or answers 503 the panel says "reconnecting" and
 * retries with backoff: nothing waits silently forever.
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!script || window.__hiwarWidget) return;
  window.__hiwarWidget = true;

  var API_BASE = new URL(".", script.src).href;
  var STORAGE_KEY = "hiwar.session";
  var OPEN_KEY = "hiwar.open";
  var MAX_CHARS = 1000;
  var REQUEST_TIMEOUT_MS = 35000;
  var MAX_BACKOFF_MS = 30000;
  var URL_PATTERN = /https?:\/\/[^\s<>"'\u00a0]+/g;
  var TRAILING_PUNCTUATION = /[.,;:!?\u060c\u061b\u061f)\]}»”'"]+$/;

  var STRINGS = {
    ar: {
      title: "حوار", open: "تحدّث مع حوار", close: "إغلاق المحادثة", send: "إرسال",
      placeholder: "اكتب سؤالك…", inputLabel: "رسالتك", log: "المحادثة",
      typing: "حوار يكتب…", reconnecting: "انقطع الاتصال، جارٍ إعادة الاتصال…",
      retryNow: "أعد المحاولة الآن", tooLong: "رسالتك أطول من {n} حرف؛ اختصرها من فضلك.",
      tooFast: "أرسلت رسائل كثيرة بسرعة؛ سنرسل بعد {s} ثانية.",
      refused: "تعذّر إرسال هذه الرسالة.", other: "English", otherLabel: "Switch to English",
      you: "أنت", bot: "حوار"
    },
    en: {
      title: "Hiwar", open: "Chat with Hiwar", close: "Close chat", send: "Send",
      placeholder: "Type your question…", inputLabel: "Your message", log: "Conversation",
      typing: "Hiwar is typing…", reconnecting: "Connection lost, reconnecting…",
      retryNow: "Retry now", tooLong: "Your message is longer than {n} characters; please shorten it.",
      tooFast: "Too many messages at once; sending again in {s} s.",
      refused: "This message could not be sent.", other: "العربية", otherLabel: "التبديل إلى العربية",
      you: "You", bot: "Hiwar"
    }
  };

  var state = {
    lang: script.dataset.lang === "en" ? "en" : "ar",
    session: null, loaded: false, open: false,
    queue: [], busy: false, attempt: 0, retryTimer: null, retryNow: null
  };

  function t(key, values) {
    var text = STRINGS[state.lang][key];
    Object.keys(values || {}).forEach(function (name) { text = text.replace("{" + name + "}", values[name]); });
    return text;
  }

  function el(tag, className, attributes) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  /* ---------- session ---------- */

  function newSessionId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function storage(kind) {
    try { var s = window[kind]; s.setItem("hiwar.probe", "1"); s.removeItem("hiwar.probe"); return s; }
    catch (error) { return null; } /* private mode or blocked: the session lasts this page */
  }

  function loadSession() {
    var store = storage("localStorage");
    var id = store && store.getItem(STORAGE_KEY);
    if (!id || !/^[A-Za-z0-9_-]{16,128}$/.test(id)) {
      id = newSessionId();
      if (store) store.setItem(STORAGE_KEY, id);
      return { id: id, isNew: true };
    }
    return { id: id, isNew: false };
  }

  function forgetSession() {
    var store = storage("localStorage");
    state.session = newSessionId();
    if (store) store.setItem(STORAGE_KEY, state.session);
  }

  /* ---------- DOM ---------- */

  var host = el("div", "", { id: "hiwar-widget" });
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = el("link", "", { rel: "stylesheet", href: API_BASE + "widget.css" });
  var container = el("div", "hiwar");
  var launcher = el("button", "hiwar-launcher", { type: "button", "aria-expanded": "false", "aria-controls": "hiwar-panel" });
  var panel = el("div", "hiwar-panel", { id: "hiwar-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "hiwar-title", hidden: "" });
  var header = el("div", "hiwar-header");
  var title = el("h2", "hiwar-title", { id: "hiwar-title" });
  var langButton = el("button", "hiwar-lang", { type: "button" });
  var closeButton = el("button", "hiwar-close", { type: "button" });
  var status = el("div", "hiwar-status", { role: "status", hidden: "" });
  var statusText = el("span", "hiwar-status-text");
  var retryButton = el("button", "hiwar-retry", { type: "button" });
  var log = el("div", "hiwar-log", { role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var typing = el("div", "hiwar-typing", { hidden: "" });
  var typingText = el("span", "hiwar-visually-hidden");
  var form = el("form", "hiwar-form");
  var input = el("textarea", "hiwar-input", { rows: "1", dir: "auto", maxlength: String(MAX_CHARS) });
  var sendButton = el("button", "hiwar-send", { type: "submit" });

  /* A speech bubble drawn as SVG: emoji fonts are missing on many systems. */
  function chatIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", "hiwar-launcher-icon");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function build() {
    var color = script.dataset.color;
    if (color && /^#[0-9a-fA-F]{3,8}$|^[a-z]+$/.test(color)) container.style.setProperty("--hiwar-color", color);
    launcher.appendChild(chatIcon());
    launcher.appendChild(el("span", "hiwar-launcher-label"));
    header.append(title, langButton, closeButton);
    status.append(statusText, retryButton);
    typing.append(el("span", "hiwar-dot", { "aria-hidden": "true" }), el("span", "hiwar-dot", { "aria-hidden": "true" }),
      el("span", "hiwar-dot", { "aria-hidden": "true" }), typingText);
    form.append(input, sendButton);
    panel.append(header, status, log, typing, form);
    container.append(panel, launcher);
    root.append(style, container);
    document.body.appendChild(host);
    applyLanguage();
  }

  function applyLanguage() {
    container.setAttribute("lang", state.lang);
    container.setAttribute("dir", state.lang === "ar" ? "rtl" : "ltr");
    title.textContent = script.dataset.title || t("title");
    launcher.setAttribute("aria-label", t("open"));
    launcher.querySelector(".hiwar-launcher-label").textContent = t("open");
    langButton.textContent = t("other");
    langButton.setAttribute("aria-label", t("otherLabel"));
    closeButton.textContent = "×";
    closeButton.setAttribute("aria-label", t("close"));
    log.setAttribute("aria-label", t("log"));
    input.setAttribute("placeholder", t("placeholder"));
    input.setAttribute("aria-label", t("inputLabel"));
    sendButton.textContent = t("send");
    typingText.textContent = t("typing");
    statusText.textContent = t("reconnecting");
    retryButton.textContent = t("retryNow");
  }

  /* Text with http(s) links, built node by node: nothing is ever parsed as HTML. */
  function appendLinkified(parent, text) {
    var last = 0;
    text.replace(URL_PATTERN, function (match, offset) {
      var url = match.replace(TRAILING_PUNCTUATION, "");
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = el("a", "", { href: url, target: "_blank", rel: "noopener noreferrer" });
      link.textContent = url;
      parent.appendChild(link);
      last = offset + url.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function addMessage(sender, message) {
    var item = el("div", "hiwar-msg hiwar-msg-" + sender, { dir: "auto" });
    /* its own dir keeps the label out of the message's dir="auto" detection */
    var who = el("span", "hiwar-visually-hidden", { dir: state.lang === "ar" ? "rtl" : "ltr" });
    who.textContent = t(sender === "user" ? "you" : "bot") + ": ";
    item.appendChild(who);
    if (message.text) appendLinkified(item, message.text);
    if (message.image && /^https?:\/\//.test(message.image)) {
      item.appendChild(document.createElement("br"));
      appendLinkified(item, message.image);
    }
    log.appendChild(item);
    if (message.buttons && message.buttons.length) log.appendChild(buttonGroup(message.buttons));
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function buttonGroup(buttons) {
    var group = el("div", "hiwar-buttons", { role: "group" });
    buttons.forEach(function (spec) {
      var button = el("button", "hiwar-button", { type: "button", dir: "auto" });
      button.textContent = spec.title;
      button.addEventListener("click", function () {
        Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) { b.disabled = true; });
        submit(spec.payload, spec.title);
      });
      group.appendChild(button);
    });
    return group;
  }

  function addNotice(text) {
    var notice = el("div", "hiwar-notice", { dir: "auto" });
    notice.textContent = text;
    log.appendChild(notice);
    log.scrollTop = log.scrollHeight;
  }

  function setReconnecting(on) {
    if (on) status.removeAttribute("hidden"); else status.setAttribute("hidden", "");
    container.classList.toggle("hiwar-offline", on);
  }

  function setTyping(on) {
    if (on) typing.removeAttribute("hidden"); else typing.setAttribute("hidden", "");
  }

  /* ---------- network ---------- */

  function request(path, options) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, REQUEST_TIMEOUT_MS);
    options = options || {};
    if (controller) options.signal = controller.signal;
    return fetch(API_BASE + path, options).finally(function () { clearTimeout(timer); });
  }

  function backoffMs(response) {
    var header = response && response.headers.get("Retry-After");
    var asked = header && /^\d+$/.test(header) ? Number(header) * 1000 : 0;
    var exponential = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, state.attempt));
    return Math.max(asked, exponential);
  }

  /* Run `task` until it succeeds; unreachable/503/429 show "reconnecting" and back off. */
  function withRetry(task, onDone) {
    function attempt() {
      state.retryTimer = null;
      task().then(function (response) {
        if (response.status === 503 || response.status === 429 || response.status >= 500) {
          if (response.status === 429) addNotice(t("tooFast", { s: Math.round(backoffMs(response) / 1000) }));
          return schedule(response);
        }
        state.attempt = 0;
        setReconnecting(false);
        onDone(response);
      }).catch(function () { schedule(null); });
    }
    function schedule(response) {
      var delay = backoffMs(response);
      state.attempt += 1;
      if (!response || response.status !== 429) setReconnecting(true);
      state.retryNow = function () { clearTimeout(state.retryTimer); attempt(); };
      state.retryTimer = setTimeout(attempt, delay);
    }
    attempt();
  }

  function loadHistory(done) {
    var path = "api/chat/history?session_id=" + encodeURIComponent(state.session) + "&lang=" + state.lang;
    withRetry(function () { return request(path); }, function (response) {
      response.json().then(function (body) {
        (body.messages || []).forEach(function (message) { addMessage(message.sender, message); });
        done((body.messages || []).length);
      }).catch(function () { done(0); });
    });
  }

  function submit(message, shownAs) {
    if (shownAs !== null) addMessage("user", { text: shownAs || message });
    state.queue.push(message);
    pump();
  }

  function pump() {
    if (state.busy || !state.queue.length) return;
    var message = state.queue[0];
    state.busy = true;
    setTyping(true);
    var body = JSON.stringify({ session_id: state.session, message: message, lang: state.lang });
    withRetry(function () {
      return request("api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: body });
    }, function (response) {
      response.json().catch(function () { return {}; }).then(function (reply) { finish(response, reply); });
    });
  }

  function finish(response, reply) {
    state.queue.shift();
    state.busy = false;
    setTyping(false);
    if (response.status === 413) addNotice(t("tooLong", { n: MAX_CHARS }));
    else if (!response.ok) addNotice(t("refused"));
    var forget = false;
    (reply.messages || []).forEach(function (message) {
      addMessage("bot", message);
      if (message.custom && message.custom.hiwar_forget === true) forget = true;
    });
    if (forget) forgetSession();
    pump();
  }

  /* ---------- behaviour ---------- */

  function openPanel(restoring) {
    state.open = true;
    panel.removeAttribute("hidden");
    launcher.setAttribute("aria-expanded", "true");
    var store = storage("sessionStorage");
    if (store) store.setItem(OPEN_KEY, "1");
    if (!restoring) input.focus();
    if (state.loaded) return;
    state.loaded = true;
    loadHistory(function (count) { if (count === 0) submit("/greet", null); });
  }

  function closePanel() {
    state.open = false;
    panel.setAttribute("hidden", "");
    launcher.setAttribute("aria-expanded", "false");
    var store = storage("sessionStorage");
    if (store) store.removeItem(OPEN_KEY);
    launcher.focus();
  }

  function sendTyped() {
    var text = input.value.trim();
    if (!text) return;
    if (text.length > MAX_CHARS) { addNotice(t("tooLong", { n: MAX_CHARS })); return; }
    input.value = "";
    submit(text);
  }

  function bindEvents() {
    launcher.addEventListener("click", function () { if (state.open) closePanel(); else openPanel(false); });
    closeButton.addEventListener("click", closePanel);
    langButton.addEventListener("click", function () { state.lang = state.lang === "ar" ? "en" : "ar"; applyLanguage(); });
    retryButton.addEventListener("click", function () { if (state.retryNow) state.retryNow(); });
    window.addEventListener("online", function () { if (state.retryTimer && state.retryNow) state.retryNow(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); sendTyped(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); sendTyped(); }
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closePanel(); }
    });
  }

  function start() {
    state.session = loadSession().id;
    build();
    bindEvents();
    var store = storage("sessionStorage");
    if (store && store.getItem(OPEN_KEY)) openPanel(true);
  }

  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
