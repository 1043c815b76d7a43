// A cluster's delivery inside its opened details (GET /api/v1/clusters/{name}, its "delivery"):
// the state and why, coverage (nodes covered, uncovered and silent, named where the API names them), each
// forwarder's failing routes by kind and masked target, and per node its last report, rates and
// errors. Only opened clusters are fetched, each at most once per REFRESH_MS; table.js calls
// fill() after every redraw (before the next paint), so a redraw never drops the section.
// The server masks route targets; this file only shows what it is given, as text.
"use strict";

(() => {
  const REFRESH_MS = 5000;
  const cache = new Map(); // cluster -> { delivery, error, fetchedAt, loading }
  const { el, badge, when } = window.logship.dom;
  const rate = (n) => (typeof n === "number" ? n.toFixed(1) : "?");

  function nodeRow(n) {
    return el("tr", { class: "delivery-node", "data-node": n.node, "data-state": n.state },
      el("td", {}, n.node), el("td", {}, badge(n.state, n.reason)), el("td", { class: "last-report" }, when(n.lastReport)),
      el("td", { class: "rates" }, `${rate(n.recordsInPerSecond)} in/s · ${rate(n.recordsOutPerSecond)} out/s`),
      el("td", { class: "errors" }, `${n.errors} errors · ${n.retries} retries · ${n.dropped} dropped`),
      el("td", {}, (n.failingRoutes || []).join(", ")), el("td", { class: "reason" }, n.reason || ""));
  }

  function failingRoute(r) {
    const who = r.containers ? `${r.containers} -> ` : "";
    return el("li", { class: "failing-route", "data-route": r.route },
      `${who}${r.kind} ${r.target} (${r.route}) failing on ${r.nodes} node${r.nodes === 1 ? "" : "s"}`);
  }

  function forwarder(f) {
    return el("div", { class: "delivery-forwarder", "data-forwarder": f.name },
      el("div", {}, el("b", {}, f.name), " ", badge(f.state, f.message), " ", el("span", { class: "delivery-message" }, f.message)),
      (f.failingRoutes || []).length ? el("ul", { class: "failing-routes" }, ...f.failingRoutes.map(failingRoute)) : null,
      (f.nodes || []).length ? el("table", { class: "delivery-nodes" },
        el("thead", {}, el("tr", {}, ...["node", "state", "last report", "rates", "errors", "failing routes", "why"]
          .map((h) => el("th", {}, h)))),
        el("tbody", {}, ...f.nodes.map(nodeRow))) : null);
  }

  // Coverage: the cluster's "coverage" (nodes named from ECS, with or without telemetry) when the API
  // has it, else delivery's counts. silent is null when serve has no telemetry: it cannot tell.
  function coverage(c) {
    const silentNames = (c.silentNodes || []).length ? ` (silent: ${c.silentNodes.join(", ")})` : "";
    const silent = c.silent === null || c.silent === undefined ? "silence unknown (no telemetry)" : `${c.silent} silent${silentNames}`;
    const uncovered = (c.uncoveredNodes || []).map((n) => el("li", { class: "uncovered-node", "data-node": n.containerInstanceArn || n },
      typeof n === "string" ? n : `${n.ec2InstanceId || "no EC2 id"} (${n.containerInstanceArn})`
        + ((n.forwarders || []).length ? ` runs no ${n.forwarders.join(", ")}` : "")
        + (n.agentConnected === false ? ", ECS agent disconnected" : "")));
    return [el("p", { class: "delivery-coverage" },
      `${c.covered ?? "?"} node(s) run a forwarder · ${c.uncovered ?? uncovered.length} uncovered · ${silent}`),
      uncovered.length ? el("ul", { class: "uncovered-nodes" }, ...uncovered) : null];
  }

  function section(name) {
    const entry = cache.get(name);
    const parts = [el("h3", {}, "Delivery")];
    if (!entry || (!entry.delivery && !entry.error)) {
      parts.push(el("p", { class: "history-note" }, "loading…"));
    } else if (entry.error) {
      parts.push(el("p", { class: "history-note" }, entry.error));
    } else {
      const d = entry.delivery;
      const condition = d.condition || {};
      parts.push(el("p", { class: "delivery-state" }, badge(d.state, condition.message || d.message), " ",
        condition.message || d.message || ""));
      // Nodes named from ECS (the cluster's coverage) and silence from telemetry, which also counts tasks that never reported.
      const c = entry.coverage || d.coverage ? { ...(d.coverage || {}), ...(entry.coverage || {}),
        ...(d.coverage ? { silent: d.coverage.silent, silentNodes: d.coverage.silentNodes } : {}) } : null;
      if (c) parts.push(...coverage(c));
      parts.push(...(d.forwarders || []).map(forwarder));
    }
    return el("div", { class: "delivery-detail addon", "data-delivery": name }, ...parts);
  }

  async function load(name) {
    const entry = cache.get(name) || {};
    Object.assign(entry, { loading: true, fetchedAt: Date.now() });
    cache.set(name, entry);
    try {
      const r = await fetch("/api/v1/clusters/" + encodeURIComponent(name));
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      const body = await r.json();
      entry.delivery = body.delivery || { state: "Unknown", message: "telemetry off: serve ingests no forwarder telemetry" };
      entry.coverage = body.coverage || null;
      entry.error = null;
    } catch (err) {
      entry.error = `delivery unavailable: ${err.message}`;
    } finally {
      entry.loading = false;
    }
    fill();
  }

  // Puts (or replaces) the section after the forwarders of every opened cluster; fetches what is stale.
  function fill() {
    for (const td of document.querySelectorAll("#clusters tbody.cluster > tr.details > td")) {
      const name = td.closest("tbody.cluster").getAttribute("data-cluster");
      const entry = cache.get(name);
      if (!entry || (!entry.loading && Date.now() - entry.fetchedAt >= REFRESH_MS)) load(name);
      const shown = td.querySelector(":scope > div.delivery-detail");
      const fresh = section(name);
      if (shown) shown.replaceWith(fresh);
      else {
        const forwarders = td.querySelector(":scope > table.forwarders");
        if (forwarders) forwarders.after(fresh); else td.append(fresh);
      }
    }
  }

  window.logship.table.onDraw(fill);
  window.logship.poller.onRound(fill); // an opened cluster left on screen follows its nodes' reports
})();
