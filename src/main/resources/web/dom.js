// The one DOM helper every script of the page shares (window.logship.dom). Text only: values
// become text nodes, never HTML, so nothing a manifest or ECS says can inject markup.
"use strict";

window.logship = window.logship || {};
window.logship.dom = (() => {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // A state badge; `tone` overrides the colour class (neutral for states that are not a problem).
  function badge(text, title, tone) {
    return el("span", { class: "badge " + (tone || text), title: title || text }, text);
  }

  const when = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "never");
  const time = (iso) => (iso ? new Date(iso).toLocaleString() : "");
  const short = (revision) => (revision || "none").slice(0, 12);
  const spaced = (nodes) => nodes.flatMap((n, i) => [i ? " " : null, n]);

  return { el, badge, when, time, short, spaced };
})();
