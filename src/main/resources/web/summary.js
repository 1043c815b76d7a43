// The top of the page: where the source is, a stalled commit told once, the counts by state
// (GET /api/v1/summary, made on the server from the same rows as the table) as buttons that
// filter the table, and the recent events (GET /api/v1/events?limit=30).
"use strict";

(() => {
  const { el, when, short } = window.logship.dom;
  const poller = window.logship.poller;
  const ROLLOUT_ORDER = ["Waiting", "Held", "InFlight", "Baking", "Unchanged", "Done", "Failed", "RollingBack", "RolledBack"];
  const WORDS = { InFlight: "in flight", RollingBack: "rolling back", RolledBack: "rolled back", Held: "held by a halt" };
  let summary = null;

  function stateButton(state, label, count) {
    const selected = window.logship.table.state() === state;
    const button = el("button", { type: "button", class: "count " + state + (selected ? " selected" : ""), "data-state": state },
      el("b", {}, count), " ", label);
    button.addEventListener("click", () => { window.logship.table.setState(state); draw(); });
    return button;
  }

  function group(title, map, order, words) {
    const present = order.filter((k) => map[k]);
    if (!present.length) return null;
    return el("span", { class: "group", "data-group": title }, el("span", { class: "group-title" }, title),
      ...present.map((k) => stateButton(k, (words && words[k]) || k, map[k])));
  }

  function source(s, stalled) {
    document.getElementById("source").textContent = `${s.repo || ""} @ ${s.ref || "default branch"} · revision ${short(s.revision)}`;
    const error = document.getElementById("source-error");
    const lines = [];
    if (s.error) lines.push(`source: ${s.error}`);
    if (stalled) {
      lines.push(`Commit ${short(stalled.commit)} is stalled (${stalled.reason}), so nothing of it is applied: ${stalled.clusters}`
        + ` cluster${stalled.clusters === 1 ? "" : "s"} keep the commit ECS already runs (${stalled.inSyncWithOlderCommit} of them Synced to it).`);
      if (!s.error) lines.push(stalled.message);
    }
    error.textContent = lines.join("\n");
    error.hidden = lines.length === 0;
  }

  function draw() {
    if (!summary) return;
    const n = summary.counts;
    source(summary.source || {}, summary.stalledCommit);
    document.getElementById("summary").replaceChildren(...[
      stateButton("all", "clusters", n.clusters),
      stateButton("failing", "failing", n.failing),
      group("rollout", n.rollout, ROLLOUT_ORDER, WORDS),
      group("sync", n.sync, ["Synced", "OutOfSync", "Unknown"]),
      group("health", n.health, ["Healthy", "Progressing", "Degraded", "Missing", "Unknown"]),
      group("delivery", n.delivery || {}, ["DeliveryFailing", "Silent", "Delivering"], { DeliveryFailing: "delivery failing" }),
      n.stalled ? stateButton("Stalled", "Stalled", n.stalled) : null,
    ].filter(Boolean));
  }

  function eventRow(e) {
    return el("tr", {}, el("td", {}, when(e.time)), el("td", {}, e.cluster || ""), el("td", {}, e.type), el("td", {}, e.message));
  }

  poller.subscribe("summary", () => "/api/v1/summary", (body) => { summary = body; draw(); });
  poller.subscribe("events", () => "/api/v1/events?limit=30", (events) => {
    document.querySelector("#events tbody").replaceChildren(...(events || []).slice(0, 30).map(eventRow));
  });
  poller.onRound(() => { document.getElementById("updated").textContent = `updated ${new Date().toLocaleTimeString()}`; });
  poller.onError((err) => { document.getElementById("updated").textContent = `status unavailable: ${err.message}`; });
})();
