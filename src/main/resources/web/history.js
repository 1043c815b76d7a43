// A cluster's rollout history (GET /api/v1/clusters/{name}/history) inside its opened details:
// the last runs newest first with commit, wave, times, outcome and task definitions.
// table.js redraws the table when its page changes and knows nothing of this file, so a
// MutationObserver puts the history back into every details row table.js draws. The observer's
// callback runs before the next paint, so a redraw never shows the details without it.
// Only opened clusters are fetched (a fleet of 1,000 costs nothing until someone looks), and
// each at most once per REFRESH_MS however often the table redraws. Text only: no innerHTML.
"use strict";

(() => {
  const REFRESH_MS = 5000;
  const cache = new Map(); // cluster -> { body, error, fetchedAt, loading }

  const { el: node, time } = window.logship.dom;

  function runRow(run) {
    return node("tr", { class: "history-run", "data-outcome": run.outcome },
      node("td", { title: run.commit || "" }, node("code", { class: "history-commit" }, (run.commit || "").slice(0, 12))),
      node("td", { class: "history-wave" }, String(run.wave ?? "")),
      node("td", {}, time(run.startedAt)),
      node("td", {}, time(run.finishedAt)),
      node("td", {}, node("span", { class: "badge outcome " + run.outcome, title: run.message || run.outcome }, run.outcome)),
      node("td", { class: "history-taskdefs" }, (run.taskDefinitions || []).join(", ")),
      node("td", { class: "history-message" }, run.message || ""));
  }

  function section(name) {
    const entry = cache.get(name);
    const parts = [node("h3", {}, "Rollout history")];
    if (!entry || (!entry.body && !entry.error)) {
      parts.push(node("p", { class: "history-note" }, "loading…"));
    } else if (entry.error) {
      parts.push(node("p", { class: "history-note" }, entry.error));
    } else {
      const runs = entry.body.runs || []; // the API lists them newest first
      if (entry.body.lastHealthyCommit) {
        parts.push(node("p", { class: "history-note" }, `last Healthy commit ${entry.body.lastHealthyCommit.slice(0, 12)}`));
      }
      parts.push(runs.length === 0 ? node("p", { class: "history-note" }, "no finished or running rollout recorded yet")
        : node("table", { class: "history-runs" },
          node("thead", {}, node("tr", {}, ...["commit", "wave", "started", "finished", "outcome", "task definitions", "message"]
            .map((h) => node("th", {}, h)))),
          node("tbody", {}, ...runs.map(runRow))));
    }
    return node("div", { class: "history addon", "data-history": name }, ...parts);
  }

  async function load(name) {
    const entry = cache.get(name) || {};
    entry.loading = true;
    entry.fetchedAt = Date.now();
    cache.set(name, entry);
    try {
      const r = await fetch("/api/v1/clusters/" + encodeURIComponent(name) + "/history");
      if (r.status === 404) {
        entry.body = { runs: [] }; // a cluster no rollout has reached yet
        entry.error = null;
      } else if (!r.ok) {
        entry.error = `history unavailable (HTTP ${r.status})`;
      } else {
        entry.body = await r.json();
        entry.error = null;
      }
    } catch (err) {
      entry.error = `history unavailable: ${err.message}`;
    } finally {
      entry.loading = false;
    }
    fill();
  }

  // Puts (or replaces) the history into every details row on screen; fetches what is stale.
  function fill() {
    for (const details of document.querySelectorAll("#clusters tbody.cluster > tr.details > td")) {
      const name = details.closest("tbody.cluster").getAttribute("data-cluster");
      const entry = cache.get(name);
      if (!entry || (!entry.loading && Date.now() - entry.fetchedAt >= REFRESH_MS)) load(name);
      const shown = details.querySelector(":scope > div.history");
      const fresh = section(name);
      if (shown) shown.replaceWith(fresh); else details.append(fresh);
    }
  }

  const table = document.getElementById("clusters");
  new MutationObserver((records) => {
    // Our own edits and other scripts' sections in the details (.addon) are not table.js's rows: react to its rows only.
    if (records.some((r) => [...r.addedNodes].some((n) => n.nodeType === 1 && !n.classList.contains("addon")))) fill();
  }).observe(table, { childList: true, subtree: true });
  window.logship.poller.onRound(fill); // a page left open on one cluster still sees its next rollout
})();
