"""The style sheet every HTML page carries inline: screen, dark mode (screen only) and A4 print.

No web font, no remote image: the page uses the reader's system fonts, and the heat map's
colours are the five steps of viridis (reversed: the darker, the stronger), legible for the
common kinds of colour blindness and in greyscale; every cell also carries a glyph.
"""

from __future__ import annotations

_BASE = """
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--link:#0550ae;
--gap:#cf222e;--own:#fff5b1;--focus:#0969da;--median:#0969da;--tip-bg:#1f2328;--tip-fg:#fff;
--hatch:#c8d1da;color-scheme:light dark}
*{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);line-height:1.45;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",
"DejaVu Sans",sans-serif}
main,header.top,nav.toc,footer{max-width:76rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.6rem;line-height:1.2;margin:1.2rem 0 .3rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:1px solid var(--line)}
p,ul{margin:.4rem 0 .8rem}
a{color:var(--link)}
a:focus-visible,td:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
.stamp,.muted,caption{color:var(--muted)}
.stamp{margin:0 0 .6rem}
nav.toc ol{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;list-style:none;padding:0;margin:.4rem 0}
.wide{overflow-x:auto}
table.data{border-collapse:collapse;width:100%;font-size:.9rem;margin:.3rem 0 1rem}
caption{text-align:left;font-size:.85rem;padding:.2rem 0 .4rem;caption-side:top}
table.data th,table.data td{padding:.3rem .5rem;border-bottom:1px solid var(--line);
text-align:left;vertical-align:top}
table.data thead th{background:var(--soft);border-bottom:2px solid var(--line)}
table.data .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.data tr.own>*{background:var(--own)}
.bad{color:var(--gap);font-weight:600}.good{color:#1a7f37}.warn{color:#9a6700}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;margin:.6rem 0}
.card dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
.card dt{font-weight:600}.card dd{margin:0;overflow-wrap:anywhere}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.7rem;
margin:.8rem 0}
.figure{border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem;background:var(--soft)}
.figure dt{font-size:.8rem;color:var(--muted)}
.figure dd{margin:0}
.figure .value{font-size:1.5rem;font-weight:700;line-height:1.2;white-space:nowrap}
.figure .note{font-size:.8rem;color:var(--muted)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
footer{margin-top:2rem;padding-bottom:2rem;color:var(--muted);font-size:.85rem}
"""

_HEAT = """
table.heat{border-collapse:separate;border-spacing:2px;width:100%;table-layout:fixed;
font-size:.8rem;margin:.3rem 0 .6rem}
table.heat th{font-weight:600;text-align:left;padding:0 .2rem}
table.heat th.member{width:4.2rem}table.heat th.total{width:3.2rem;text-align:right}
table.heat thead th{vertical-align:bottom}
table.heat th.cat{height:10.5rem;padding:0 0 .3rem;text-align:center}
table.heat th.cat span{display:inline-block;writing-mode:vertical-rl;transform:rotate(180deg);
max-height:10.5rem;text-align:left;font-weight:500;line-height:1.1;overflow-wrap:anywhere}
table.heat td{position:relative;text-align:center;height:2rem;padding:0;border-radius:3px;
font-size:1rem;line-height:2rem}
table.heat td .g{font-family:"DejaVu Sans","Segoe UI Symbol","Apple Symbols",sans-serif}
table.heat td sup{font-size:.6rem;line-height:0}
table.heat td.total{text-align:right;font-size:.85rem;padding-right:.3rem;
font-variant-numeric:tabular-nums}
table.heat tr.own th{background:var(--own);border-radius:3px}
table.heat tr.own td{box-shadow:0 -2px 0 var(--fg),0 2px 0 var(--fg)}
.l0{background:#fde725;color:#000}.l1{background:#5ec962;color:#000}
.l2{background:#21918c;color:#000}.l3{background:#3b528b;color:#fff}
.l4{background:#440154;color:#fff}
.unknown{background:repeating-linear-gradient(45deg,var(--hatch) 0 3px,var(--bg) 3px 7px);
color:var(--fg);font-weight:700}
.na{background:var(--bg);color:var(--muted);outline:1px dashed var(--line);outline-offset:-2px}
table.heat td.gap,.legend .gap{outline:3px solid var(--gap);outline-offset:-3px}
table.heat td.gap::after,.legend .gap::after{content:"";position:absolute;top:0;right:0;
border-style:solid;border-width:0 .55rem .55rem 0;
border-color:transparent var(--gap) transparent transparent}
.tip{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);
white-space:nowrap}
table.heat td:hover .tip,table.heat td:focus .tip{clip-path:none;overflow:visible;width:19rem;
height:auto;white-space:normal;bottom:calc(100% + 6px);left:50%;transform:translateX(-50%);
z-index:10;background:var(--tip-bg);color:var(--tip-fg);padding:.45rem .6rem;border-radius:6px;
text-align:left;font-size:.8rem;line-height:1.35;box-shadow:0 4px 14px rgba(0,0,0,.3)}
table.heat td:nth-child(-n+5):hover .tip,table.heat td:nth-child(-n+5):focus .tip{left:0;
transform:none}
table.heat td:nth-last-child(-n+6):hover .tip,table.heat td:nth-last-child(-n+6):focus .tip{
left:auto;right:0;transform:none}
table.heat td:focus{z-index:11;outline:3px solid var(--focus);outline-offset:-3px}
.tip span{display:block}
.legend{display:flex;flex-wrap:wrap;gap:.3rem .9rem;list-style:none;padding:0;font-size:.85rem}
.legend .key{display:inline-block;min-width:1.6rem;height:1.4rem;line-height:1.4rem;
text-align:center;border-radius:3px;margin-right:.3rem;position:relative;
font-family:"DejaVu Sans","Segoe UI Symbol","Apple Symbols",sans-serif}
"""

_CHART = """
figure.chart{margin:.5rem 0 1rem}
figure.chart svg{display:block;width:100%;height:auto;max-width:60rem}
svg .axis{stroke:var(--muted);stroke-width:1}svg .grid{stroke:var(--line);stroke-width:1}
svg text{fill:var(--fg);font-size:12px;font-family:inherit}
svg text.minor{fill:var(--muted);font-size:11px}svg text.e0{font-weight:700}
svg .s0{fill:none;stroke:var(--fg);stroke-width:2.5}
svg .s1{fill:none;stroke:var(--median);stroke-width:2;stroke-dasharray:6 4}
svg .mark{stroke:var(--gap);stroke-width:1.5}
figcaption{font-size:.85rem;color:var(--muted)}
figure.chart+.wide table.data{font-size:.8rem}
figure.chart+.wide table.data :is(th,td){padding:.12rem .5rem}
"""

_DARK = """
@media screen and (prefers-color-scheme:dark){
:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--soft:#151b23;--link:#6cb6ff;
--gap:#ff6a69;--own:#3a3000;--focus:#6cb6ff;--median:#6cb6ff;--tip-bg:#f0f6fc;--tip-fg:#0d1117;
--hatch:#59636e}
.good{color:#4ac26b}.warn{color:#d29922}}
"""

_PRINT = """
@media print{
@page{size:A4;margin:12mm 11mm 14mm}
html{font-size:9pt}
body{background:#fff;color:#000}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
main,header.top,footer{max-width:none;padding:0}
nav.toc,.noprint{display:none}
.wide{overflow:visible}
thead{display:table-header-group}
tr,.figure,figure.chart,.legend,.card{break-inside:avoid}
h2{break-after:avoid;margin-top:1.2rem}
a{color:#000}
.figures{grid-template-columns:repeat(6,1fr)}.figure .value{font-size:1.25rem}
.tip{display:none}
table.heat th.cat{height:8.5rem}table.heat th.cat span{max-height:8.5rem}
table.heat td{height:1.6rem;line-height:1.6rem}}
"""

PAGE_STYLE = _BASE + _DARK + _PRINT
"""The style of a plain page (one view)."""

DOCUMENT_STYLE = _BASE + _HEAT + _CHART + _DARK + _PRINT
"""The style of a report."""
