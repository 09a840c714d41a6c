/**
 * The one stylesheet of the web channel (chat page and answer cards): mobile-first, system fonts, no images,
 * contrast at least 4.5:1, a focus ring that always shows, print rules for the card. Served as
 * /assets/chat.css; kept as a string so the same code runs on Node and Workers without reading files.
 */
export const CHAT_CSS = `
*,*::before,*::after{box-sizing:border-box}
:root{--fg:#1b1f24;--muted:#4a5360;--bg:#f4f6f9;--card:#fff;--line:#c9d1db;--accent:#0b4f9c;--accent-bg:#e6effa;
--me:#0b4f9c;--danger:#a4161a;--focus:#c2410c;font-size:100%}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;
color:var(--fg);background:var(--bg);min-height:100vh;display:flex;flex-direction:column}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;background:var(--card);padding:.5rem .75rem;z-index:10}
.skip:focus{top:.5rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{background:var(--accent);color:#fff;padding:.5rem 0}
.top a{color:#fff}
.top-in,.wrap{max-width:46rem;margin:0 auto;width:100%;padding-left:.75rem;padding-right:.75rem}
.top h1{font-size:1.125rem;margin:0;line-height:1.3}
.top p{margin:.125rem 0 0;font-size:.875rem}
.langs ul{list-style:none;margin:.375rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.langs a{display:inline-block;padding:.25rem .375rem;min-height:2rem;font-size:.9375rem;text-decoration:none;
border-radius:.25rem}
.langs a[aria-current]{background:#fff;color:var(--accent);font-weight:600}
.langs a:hover{text-decoration:underline}
main{flex:1;width:100%}
.wrap{padding-top:.75rem;padding-bottom:.75rem}
.log{display:flex;flex-direction:column;gap:.75rem}
.msg{max-width:100%;padding:.625rem .75rem;border-radius:.75rem;background:var(--card);border:1px solid var(--line);
overflow-wrap:anywhere;scroll-margin-top:.5rem}
.msg.me{align-self:flex-end;max-width:85%;background:var(--me);color:#fff;border-color:var(--me)}
.msg.me p{margin:0;white-space:pre-wrap}
.msg[data-intent=emergency]{border:3px solid var(--danger)}
.msg h2{font-size:1.0625rem;margin:0 0 .25rem;line-height:1.35}
.msg h3{font-size:1rem;margin:.75rem 0 .125rem}
.msg p{margin:.25rem 0}
.msg .text{white-space:pre-wrap}
.msg .sub{color:var(--muted);font-size:.875rem}
.msg .phone a{font-size:1.25rem;font-weight:700;color:var(--danger)}
.who{font-size:.75rem;color:var(--muted);margin:0 0 .125rem}
.msg.me .who{color:#e6effa}
.btns{display:flex;flex-direction:column;gap:.375rem;margin-top:.625rem}
.row{display:flex;flex-wrap:wrap;gap:.375rem}
.btn{flex:1 1 auto;min-height:2.75rem;padding:.5rem .75rem;font:inherit;font-size:.9375rem;text-align:center;
color:var(--accent);background:var(--accent-bg);border:1px solid var(--accent);border-radius:.5rem;cursor:pointer;
text-decoration:none;display:inline-flex;align-items:center;justify-content:center}
.btn:hover{background:#d3e3f7}
.btn.primary{background:var(--accent);color:#fff}
.status{color:var(--muted);font-style:italic;margin:0}
.alert{border-color:var(--danger);color:var(--danger)}
.ask{position:sticky;bottom:0;background:var(--card);border-top:1px solid var(--line);padding:.5rem 0}
.ask form{display:flex;gap:.5rem;align-items:flex-end}
.ask .field{flex:1;min-width:0}
.ask label{display:block;font-size:.8125rem;color:var(--muted)}
.ask .btn{flex:0 0 auto;min-width:5rem}
.ask input{width:100%;min-height:2.75rem;font:inherit;padding:.5rem .625rem;border:1px solid #6b7686;border-radius:.5rem;
background:#fff;color:var(--fg)}
.tools{display:flex;flex-wrap:wrap;gap:.5rem;margin:.375rem 0 0;font-size:.8125rem;color:var(--muted)}
.tools .btn{flex:0 1 auto;min-height:2.25rem;font-size:.8125rem;padding:.25rem .625rem}
.note{font-size:.8125rem;color:var(--muted);margin:.5rem 0 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1rem}
.card h1{font-size:1.375rem;margin:0 0 .25rem;line-height:1.3}
.card h2{font-size:1.0625rem;margin:1.25rem 0 .25rem;padding-top:.75rem;border-top:1px solid var(--line)}
.card p,.card li{margin:.25rem 0;overflow-wrap:anywhere}
.card ul,.card ol{margin:.25rem 0;padding-left:1.25rem}
.card .in{padding-left:1.25rem}
.card .sub{color:var(--muted)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.75rem 0}
.actions .btn{flex:0 1 auto}
.plain pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8125rem;background:var(--bg);padding:.5rem;
border:1px solid var(--line);border-radius:.5rem;max-height:20rem;overflow:auto}
.plain summary{cursor:pointer;padding:.25rem 0}
@media (min-width:48rem){.top-in,.wrap{padding-left:1rem;padding-right:1rem}.wrap{padding-top:1rem}.msg{padding:.75rem 1rem}.card{padding:1.5rem 2rem}
.btns .row{flex-wrap:nowrap}.top{padding:.75rem 0}}
.print-url{display:none}
@media print{body{background:#fff;display:block}.print-url{display:block;margin-top:1rem;font-size:.875rem}.top,.actions,.plain,.skip,footer{display:none}
.card{border:0;padding:0}a{color:#000}.card h2{break-after:avoid}.card li,.card p{break-inside:avoid}}
`;
