// What the fleet is made of, from GET /api/v1/summary: the commit in force and who signed it (under
// --verify-signatures warn or enforce; "not verified" under off), and per ClusterSet what discovery
// covers: clusters discovered, covered, excluded (tags or suspend), without a forwarder, and the
// accounts/regions failing (their last good list is kept). Text only.
"use strict";

(() => {
  const { el, badge, short } = window.logship.dom;

  // The trust of a signature: TRUSTED, or why not (UNSIGNED, UNTRUSTED, BAD, EXPIRED, REVOKED).
  function commit(c) {
    const node = document.getElementById("commit");
    if (!c) {
      node.replaceChildren();
      return;
    }
    const where = el("span", {}, `in force ${short(c.revision)} · `);
    if (!c.signature) { // --verify-signatures off: the text says nothing was checked
      node.replaceChildren(where, el("span", { class: "signer", "data-trust": "NOT_VERIFIED" }, c.text));
      return;
    }
    const trust = c.signature.status;
    node.replaceChildren(where, el("span", { class: "signer", "data-trust": trust }, c.text), " ",
      badge(trust.toLowerCase(), c.signature.reason || trust, trust === "TRUSTED" ? "True" : "Error"),
      el("span", { class: "policy" }, ` --verify-signatures ${c.policy}`));
  }

  function setRow(s) {
    const failing = (s.failing || []).length;
    return el("tr", { "data-set": s.set, class: s.ready ? null : "failing" },
      el("td", {}, s.set),
      el("td", { class: "discovered" }, String(s.discovered)),
      el("td", { class: "covered" }, String(s.covered)),
      el("td", { class: "excluded", title: `${s.excludedByTags} by tags, ${s.suspended} suspended` }, String(s.excluded)),
      el("td", { class: "without" }, String(s.withoutForwarders)),
      el("td", { class: "overridden" }, String(s.overridden)),
      el("td", { class: "scopes-failing" }, failing ? badge(`${failing} failing`, s.message, "Error") : badge("listed", "every account and region listed", "True"),
        failing ? el("div", { class: "error" }, s.failing.join("\n")) : null));
  }

  function sets(list) {
    const section = document.getElementById("sets");
    section.hidden = list.length === 0;
    section.querySelector("tbody").replaceChildren(...list.map(setRow));
  }

  window.logship.poller.subscribe("summary", () => "/api/v1/summary", (body) => {
    commit((body.source || {}).commitInForce);
    sets(body.discovery || []);
  });
})();
