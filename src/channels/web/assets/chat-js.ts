/**
 * The one script of the web channel, served as /assets/chat.js (no inline scripts: the pages' CSP allows only
 * 'self'). Plain ES2017 with no dependencies, so a cheap phone parses it in a blink. On the chat page it talks to
 * POST /api/chat and renders replies the way the bots do (blocks, button rows, tel: links); on an answer card it
 * copies the plain-text version. It keeps the chat's sessionId and transcript in sessionStorage and the chosen
 * language in localStorage. Written without template literals so it can live in this string.
 */
export const CHAT_JS = `(function () {
  "use strict";
  var d = document;
  var LANGS = /^(vi|en|zh|ko|ja)$/;
  function get(store, key) { try { return window[store].getItem(key); } catch (e) { return null; } }
  function put(store, key, value) { try { window[store].setItem(key, value); } catch (e) { /* private mode */ } }
  function drop(store, key) { try { window[store].removeItem(key); } catch (e) { /* private mode */ } }

  // The language switcher is plain links; remember a choice for the next visit and for the next question.
  d.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a[data-lang]") : null;
    if (!a || !LANGS.test(a.getAttribute("data-lang"))) return;
    put("localStorage", "dvc.lang", a.getAttribute("data-lang"));
    put("sessionStorage", "dvc.langChosen", a.getAttribute("data-lang"));
  });

  var copy = d.getElementById("copy");
  if (copy) {
    var source = d.getElementById("card-text");
    var said = d.getElementById("copy-status");
    var done = function (ok) {
      said.textContent = copy.getAttribute(ok ? "data-ok" : "data-fail");
      if (!ok) { var box = d.getElementById("plain"); if (box) box.open = true; }
    };
    copy.addEventListener("click", function () {
      var text = source.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
      } else done(fallbackCopy(text));
    });
  }
  var printer = d.getElementById("print");
  if (printer) printer.addEventListener("click", function () { window.print(); });

  function fallbackCopy(text) {
    var area = d.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    d.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = d.execCommand("copy"); } catch (e) { ok = false; }
    d.body.removeChild(area);
    return ok;
  }

  var log = d.getElementById("log");
  var form = d.getElementById("ask");
  if (!log || !form) return;
  var pageLang = d.documentElement.lang;
  var params = new URLSearchParams(location.search);
  var asked = (params.get("q") || "").trim().slice(0, 4000);
  var remembered = get("localStorage", "dvc.lang");
  if (!params.has("lang") && remembered && LANGS.test(remembered) && remembered !== pageLang) {
    location.replace("/?lang=" + remembered + (asked ? "&q=" + encodeURIComponent(asked) : ""));
    return;
  }
  var S = JSON.parse(d.getElementById("web-strings").textContent);
  var input = d.getElementById("q");
  var busy = false;
  var transcript = [];
  try { transcript = JSON.parse(get("sessionStorage", "dvc.log") || "[]"); } catch (e) { transcript = []; }
  if (!Array.isArray(transcript)) transcript = [];

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  var URL_RE = /(https?:\\/\\/[^\\s<>"')\\]]*[^\\s<>"')\\].,;:!?])/g;
  function linkify(node, text) {
    var parts = String(text).split(URL_RE);
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      if (i % 2 === 1) node.appendChild(extLink(parts[i], parts[i]));
      else node.appendChild(d.createTextNode(parts[i]));
    }
    return node;
  }
  function safeUrl(url) { return /^https?:\\/\\//.test(url) || /^\\/p\\//.test(url); }
  function extLink(href, text) {
    var a = el("a", null, text);
    a.href = href;
    if (!/^\\//.test(href)) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
    return a;
  }
  function block(b) {
    switch (b.type) {
      case "title": return el("h2", null, b.text);
      case "subtitle": return el("p", "sub", b.text);
      case "heading": return el("h3", null, b.text);
      case "link": {
        var p = el("p", "link");
        if (safeUrl(b.url)) p.appendChild(extLink(b.url, b.text)); else p.textContent = b.text;
        return p;
      }
      case "phone": {
        var ph = el("p", "phone");
        var call = el("a", null, "\\u{1F4DE} " + b.number);
        call.href = "tel:" + String(b.number).replace(/[^0-9+]/g, "");
        ph.appendChild(call);
        ph.appendChild(d.createTextNode(" \\u2014 " + b.text));
        return ph;
      }
      default: return linkify(el("p", "text"), b.text);
    }
  }
  function buttons(rows) {
    var box = el("div", "btns");
    rows.forEach(function (row) {
      var r = el("div", "row");
      row.forEach(function (b) {
        if (b.url) {
          if (!safeUrl(b.url)) return;
          var a = extLink(b.url, b.label);
          a.className = "btn";
          r.appendChild(a);
        } else if (b.action) {
          var btn = el("button", "btn", b.label);
          btn.type = "button";
          btn.setAttribute("data-action", b.action);
          r.appendChild(btn);
        }
      });
      if (r.childNodes.length) box.appendChild(r);
    });
    return box;
  }
  function who(text) { return el("p", "who", text); }
  function showUser(text) {
    var m = el("div", "msg me");
    m.appendChild(who(S.you));
    m.appendChild(el("p", null, text));
    log.appendChild(m);
    return m;
  }
  function showReply(entry) {
    var first = null;
    entry.replies.forEach(function (message, i) {
      var m = el("article", "msg bot");
      m.setAttribute("lang", entry.lang);
      if (entry.meta && entry.meta.intent) m.setAttribute("data-intent", entry.meta.intent);
      if (i === 0) m.appendChild(who(S.assistant));
      message.blocks.forEach(function (b) { m.appendChild(block(b)); });
      var rows = message.buttons.slice();
      var meta = entry.meta || {};
      var last = i === entry.replies.length - 1;
      var shared = rows.some(function (row) {
        return row.some(function (b) { return b.url && b.url.indexOf("/p/" + meta.code + "?") >= 0; });
      });
      if (last && meta.code && !shared && (meta.intent === "card" || meta.intent === "section")) {
        rows.push([{ label: S.share, url: "/p/" + meta.code + "?lang=" + entry.lang }]);
      }
      if (rows.length) m.appendChild(buttons(rows));
      log.appendChild(m);
      if (!first) first = m;
    });
    return first;
  }
  function remember(entry) {
    transcript.push(entry);
    if (transcript.length > 40) transcript = transcript.slice(-40);
    put("sessionStorage", "dvc.log", JSON.stringify(transcript));
  }
  transcript.forEach(function (entry) { if (entry.user) showUser(entry.user); else if (entry.replies) showReply(entry); });
  if (transcript.length) log.lastChild.scrollIntoView({ block: "end" });

  function send(body, shown) {
    if (busy) return;
    busy = true;
    var mine = showUser(shown);
    remember({ user: shown });
    var wait = el("p", "status", S.thinking);
    log.appendChild(wait);
    log.setAttribute("aria-busy", "true");
    mine.scrollIntoView({ block: "start" });
    var sid = get("sessionStorage", "dvc.session");
    if (sid) body.sessionId = sid;
    var chosen = get("sessionStorage", "dvc.langChosen");
    if (chosen && LANGS.test(chosen)) body.lang = chosen;
    // A button pressed before anything was typed carries no words to read the language from: the page's is meant.
    else if (!sid && body.action && LANGS.test(pageLang)) body.lang = pageLang;
    fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    }).then(function (data) {
      put("sessionStorage", "dvc.session", data.sessionId);
      drop("sessionStorage", "dvc.langChosen");
      var entry = { replies: data.replies, meta: data.meta, lang: data.lang };
      finish();
      remember(entry);
      var first = showReply(entry);
      if (first) first.scrollIntoView({ block: "start" });
    }).catch(function () {
      finish();
      var m = el("div", "msg alert", S.networkError);
      m.setAttribute("role", "alert");
      log.appendChild(m);
    });
    function finish() {
      busy = false;
      if (wait.parentNode) wait.parentNode.removeChild(wait);
      log.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    send({ text: text }, text);
  });
  d.addEventListener("click", function (ev) {
    var b = ev.target && ev.target.closest ? ev.target.closest("button[data-action]") : null;
    if (!b || busy) return;
    send({ action: b.getAttribute("data-action") }, b.textContent);
  });
  // A link like /?q=passport asks at once (posters, other sites); the address is then cleaned.
  if (asked) {
    try { history.replaceState(null, "", "/?lang=" + pageLang); } catch (e) { /* old browser */ }
    send({ text: asked }, asked);
  }
  var fresh = d.getElementById("new-chat");
  if (fresh) fresh.addEventListener("click", function () {
    drop("sessionStorage", "dvc.session");
    drop("sessionStorage", "dvc.log");
    transcript = [];
    while (log.children.length > 1) log.removeChild(log.lastChild);
    input.focus();
  });
})();
`;
