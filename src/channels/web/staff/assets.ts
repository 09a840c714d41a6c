import { fingerprint } from "../assets/index.ts";
/**
 * The console's few additions to the chat page's stylesheet (wider layout, tabs, tables, five columns side by side)
 * and its one script: copy buttons (the Clipboard API, with a selection fallback) and a focus on the status line after
 * a form was sent. Strings, so the same code runs on Node and Workers without reading files.
 */
export const STAFF_CSS = `
.top-in.wide,.wrap.wide{max-width:80rem}
.staff main h1{font-size:1.375rem;margin:.25rem 0 .5rem}
.staff main h2{font-size:1.125rem;margin:1rem 0 .5rem}
.bar{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center}
.bar .langs ul{margin:0}
.bar .out{margin-left:auto}
.brand{font-weight:700;font-size:1.0625rem;margin:0}
.out{display:flex;align-items:center;gap:.5rem;margin:0;font-size:.875rem}
.btn.small{min-height:2.25rem;padding:.25rem .625rem;font-size:.875rem;flex:0 0 auto}
.top .btn{background:#fff}
.tabs{list-style:none;margin:.5rem 0 -.5rem;padding:0;display:flex;gap:.25rem;overflow-x:auto;scrollbar-width:thin}
.tabs li{flex:0 0 auto}
.tabs a{display:inline-block;padding:.375rem .625rem;min-height:2.25rem;border-radius:.375rem .375rem 0 0;
text-decoration:none;font-weight:600}
.tabs a:hover{text-decoration:underline}
.tabs a[aria-current]{background:var(--bg);color:var(--accent)}
.count{display:inline-block;min-width:1.5rem;padding:0 .375rem;border-radius:1rem;background:#fff;color:var(--accent);
text-align:center;font-size:.8125rem}
.tabs a[aria-current] .count{background:var(--accent);color:#fff}
.flash{margin:.25rem 0 .75rem;font-weight:600;color:#14532d}
.flash:empty{display:none}
.flash.error{color:var(--danger)}
.list{display:flex;flex-direction:column;gap:.75rem}
.staff .card h2{margin-top:0;border-top:0;padding-top:0}
.field{display:flex;flex-direction:column;gap:.125rem;margin:.5rem 0;min-width:0}
.field label{font-size:.875rem;color:var(--muted)}
.field input,.field textarea,.field select{font:inherit;min-height:2.75rem;padding:.5rem .625rem;border:1px solid #6b7686;
border-radius:.5rem;background:#fff;color:var(--fg);width:100%}
.check{display:flex;align-items:center;gap:.5rem;margin:.5rem 0}
.check input{width:1.25rem;height:1.25rem}
.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.search .field{margin:0}
.search .grow{flex:1 1 16rem}
.search .btn{flex:0 0 auto}
.login{max-width:26rem;margin:1rem auto}
.login .btn{width:100%;margin-top:.5rem}
.facts{display:grid;grid-template-columns:1fr;gap:.25rem .75rem;margin:.25rem 0}
.facts div{display:flex;flex-wrap:wrap;gap:.25rem}
.facts dt{color:var(--muted);font-size:.875rem}
.facts dt::after{content:":"}
.facts dd{margin:0;overflow-wrap:anywhere}
.question{white-space:pre-wrap;background:var(--bg);border-left:4px solid var(--accent);padding:.5rem .75rem;margin:.5rem 0;
overflow-wrap:anywhere}
.handoff[data-status=claimed]{border-left:4px solid #b45309}
.handoff form{margin:.5rem 0 0}
.empty{color:var(--muted);font-style:italic}
.results{padding-left:1.5rem;margin:.25rem 0}
.results li{margin:0 0 .75rem;padding:.5rem;border:1px solid var(--line);border-radius:.5rem;background:var(--card)}
.results li.on{border:2px solid var(--accent)}
.results a{font-weight:700}
.five{display:grid;grid-template-columns:1fr;gap:.25rem;margin:.25rem 0 0}
.five div{min-width:0}
.five dt{font-size:.75rem;color:var(--muted)}
.five dd{margin:0;overflow-wrap:anywhere}
.answers{display:grid;grid-template-columns:1fr;gap:.75rem}
.answer-lang{display:flex;flex-direction:column;gap:.5rem;min-width:0;padding:.75rem}
.answer-lang h3{margin:0;font-size:1rem}
.answer-lang .btn{flex:0 0 auto}
.answer-lang.visitor{border:2px solid var(--accent)}
.answer-lang .name{font-weight:600;margin:0}
.staff pre.text{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;font-size:.8125rem;background:var(--bg);
padding:.5rem;border:1px solid var(--line);border-radius:.5rem;max-height:18rem;overflow:auto;margin:0}
.saved .actions{margin:.5rem 0 0}
.copy-note{font-size:.875rem;color:#14532d;font-weight:600}
.copy-note:empty{display:none}
.copy-note.error{color:var(--danger)}
.saved form{margin:0}
.grid{display:grid;grid-template-columns:1fr;gap:.75rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9375rem}
th,td{text-align:left;padding:.375rem .5rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
th{font-size:.8125rem;color:var(--muted)}
.n{text-align:right;white-space:nowrap}
.history{padding-left:1.25rem}
@media (min-width:48rem){.tabs{flex-wrap:wrap;overflow-x:visible}.facts{grid-template-columns:repeat(3,minmax(0,1fr))}.grid{grid-template-columns:repeat(2,minmax(0,1fr))}
.five{grid-template-columns:repeat(5,minmax(0,1fr));gap:.5rem}}
@media (min-width:64rem){.answers{grid-template-columns:repeat(5,minmax(0,1fr))}.answer-lang .btn{font-size:.875rem}
.grid{grid-template-columns:repeat(3,minmax(0,1fr))}}
`;

export const STAFF_JS = `(function () {
  "use strict";
  var d = document;
  var words = d.getElementById("copy-status");
  // The outcome is said next to the button that was pressed (a polite live region there).
  function tell(button, ok) {
    if (!words) return;
    var note = button.parentNode.querySelector(".copy-note");
    if (!note) return;
    note.textContent = words.getAttribute(ok ? "data-ok" : "data-fail");
    note.className = "copy-note" + (ok ? "" : " error");
  }
  function fallback(node) {
    var range = d.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    var ok = false;
    try { ok = d.execCommand("copy"); } catch (e) { ok = false; }
    return ok;
  }
  d.addEventListener("click", function (ev) {
    var b = ev.target && ev.target.closest ? ev.target.closest("button[data-copy]") : null;
    if (!b) return;
    var node = d.getElementById(b.getAttribute("data-copy"));
    if (!node) return;
    var text = node.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { tell(b, true); }, function () { tell(b, fallback(node)); });
    } else tell(b, fallback(node));
  });
  // A saved reply chosen in an answer form is put into its text box (after what is already written).
  d.addEventListener("change", function (ev) {
    var pick = ev.target;
    if (!pick || !pick.getAttribute || !pick.getAttribute("data-fill") || !pick.value) return;
    var box = d.getElementById(pick.getAttribute("data-fill"));
    var saved = d.getElementById("saved-" + pick.value);
    if (!box || !saved) return;
    box.value = box.value ? box.value.replace(/\\s+$/, "") + "\\n" + saved.textContent : saved.textContent;
    pick.value = "";
    box.focus();
  });
  var flash = d.getElementById("flash");
  if (flash && flash.textContent) { var m = d.getElementById("main"); if (m) m.focus(); }
})();
`;

let version: string | undefined;

/** FNV-1a of both, for cache-busting `?v=` URLs; made on first use (see assetVersion). */
export function staffAssetVersion(): string {
  version ??= fingerprint(STAFF_CSS + STAFF_JS);
  return version;
}
