// The cluster table: one page of rows the server filtered and ordered (GET /api/v1/clusters), so
// a fleet of 10,000 costs one page, never the whole fleet. The filter lives in the address
// (#q=env%3Dprod&state=failing&page=2) so a view can be shared. A column is one entry of
// COLUMNS (header and cell); the server adds its field in ClusterColumns.
"use strict";

(() => {
  const { el, badge, when, short } = window.logship.dom;
  const poller = window.logship.poller;
  const PAGE_SIZE = 50;
  const OPEN_ALL_UP_TO = 10; // small fleets (the demo) show every cluster's forwarders at once
  const NEUTRAL = new Set(["Waiting", "Held", "Unchanged"]);
  const view = { query: "", state: "all", page: 1, open: new Set(), touched: false, body: null };
  const drawn = []; // listeners called after each redraw, before the next paint (delivery.js fills opened details)

  const stalled = (c) => (c.conditions || []).find((x) => x.type === "Stalled" && x.status === "True");

  function stateCell(c) {
    const r = c.rollout;
    if (r && (r.state === "Waiting" || r.state === "Held")) {
      // Waiting for its wave is the plan, not a failure: neutral, and it says what it waits for.
      return el("td", { class: "state" }, badge(r.state, r.text, "neutral"), el("span", { class: "rollout-text" }, r.text));
    }
    const parts = [];
    if (c.stalled) {
      // The stalled commit is told once at the top of the page; the row says which commit ECS is on.
      const applied = c.lastAppliedRevision ? `ECS on older commit ${short(c.lastAppliedRevision)}` : "nothing applied";
      parts.push(badge("Stalled", "the newest commit is stalled: see the top of the page", "neutral"), el("span", { class: "older" }, applied));
    } else {
      parts.push(badge(c.lastError ? "Error" : c.syncStatus, c.lastError || c.syncStatus));
    }
    parts.push(badge(c.health, c.healthMessage));
    if (r && r.state !== "Done") parts.push(badge(r.state, r.text, NEUTRAL.has(r.state) ? "neutral" : r.state));
    return el("td", { class: "state" }, ...parts);
  }

  function forwarderCounts(c) {
    const fs = c.forwarders || [];
    const running = fs.reduce((sum, f) => sum + (f.running || 0), 0);
    const desired = fs.reduce((sum, f) => sum + (f.desired || 0), 0);
    return `${fs.length} · ${running}/${desired} tasks`;
  }

  // Delivery as the server judged it from the forwarders' telemetry; Unknown says why (telemetry off, not judged yet).
  function deliveryCell(c) {
    const d = c.delivery || { state: "Unknown", message: "" };
    const nodes = d.state === "Unknown" ? null
      : el("div", { class: "where" }, `${d.covered} covered · ${d.uncovered} uncovered · ${d.silent} silent`);
    return el("td", { class: "delivery" }, badge(d.state, d.message), nodes);
  }

  function nameCell(c) {
    const open = view.open.has(c.name);
    const toggle = el("button", { type: "button", class: "toggle", "aria-expanded": String(open), title: "forwarders, conditions, plan" },
      open ? "▾" : "▸", " ", c.name);
    toggle.addEventListener("click", () => {
      if (view.open.has(c.name)) view.open.delete(c.name); else view.open.add(c.name);
      view.touched = true;
      draw();
    });
    return el("td", { class: "name" }, toggle, el("div", { class: "where" }, `${c.clusterName} · ${c.region}`));
  }

  function revisionCell(c) {
    const newest = c.lastAttemptedRevision && c.lastAttemptedRevision !== c.lastAppliedRevision
      ? el("span", { class: "newest" }, ` newest ${short(c.lastAttemptedRevision)}`) : null;
    return el("td", {}, el("code", { class: "applied-revision" }, short(c.lastAppliedRevision)), newest);
  }

  // One entry per column: header text, its class, and the cell of a cluster.
  const COLUMNS = [
    { header: "cluster", cell: nameCell },
    { header: "labels", cell: (c) => el("td", { class: "labels" }, ...Object.entries(c.labels || {}).map(([k, v]) => el("span", { class: "label" }, `${k}=${v}`))) },
    { header: "state", cell: stateCell },
    { header: "ECS revision", cell: revisionCell },
    { header: "forwarders", cell: (c) => el("td", { class: "tasks" }, forwarderCounts(c)) },
    { header: "delivery", cell: deliveryCell },
    { header: "last sync", cell: (c) => el("td", {}, `${when(c.lastSyncTime)} (${c.lastSyncDurationMillis ?? "?"} ms)`) },
    { header: "summary", cell: (c) => el("td", { class: "message", title: c.summary || "" }, c.summary || "") },
  ];

  // A route in words, as plan and render say it: "api, worker -> cloudwatchLogs /ecs/prod/{container} (us-east-1)".
  // The server masks the target where it is secret (a syslog host and port are ****); nothing is unmasked here.
  const routing = (r) => `${r.containers} -> ${r.kind} ${r.target}`;

  function forwarderRow(f) {
    return el("tr", { "data-forwarder": f.name },
      el("td", {}, f.name), el("td", {}, badge(f.syncStatus)), el("td", {}, badge(f.health, f.healthMessage)),
      el("td", { class: "tasks" }, `${f.running ?? "?"}/${f.desired ?? "?"}`),
      el("td", {}, f.taskDefinition || ""),
      el("td", { class: "routes" }, ...(f.routes || []).map((r) => el("div", { class: "route", "data-kind": r.kind }, routing(r)))),
      el("td", {}, f.healthMessage || ""));
  }

  function details(c) {
    const ready = (c.conditions || []).find((x) => x.type === "Ready");
    const s = stalled(c);
    const problem = s ? el("div", { class: "note" }, `The newest commit ${short(c.lastAttemptedRevision)} is stalled (see the top of the page).`)
      : ready && ready.status === "False" ? el("div", { class: "error" }, `Not ready (${ready.reason}): ${ready.message}`) : null;
    return el("tr", { class: "details" }, el("td", { colspan: COLUMNS.length },
      c.rollout ? el("div", { class: "rollout-text" }, c.rollout.text) : null, problem,
      el("table", { class: "forwarders" },
        el("thead", {}, el("tr", {}, ...["forwarder", "sync", "health", "tasks", "task definition", "routes", "message"].map((h) => el("th", {}, h)))),
        el("tbody", {}, ...(c.forwarders || []).map(forwarderRow))),
      c.pendingPlan ? el("pre", { class: "diff" }, c.pendingPlan) : null));
  }

  function clusterBody(c) {
    const row = el("tr", { class: "row rank-" + c.state + (c.failing ? " failing" : "") }, ...COLUMNS.map((col) => col.cell(c)));
    return el("tbody", { class: "cluster", "data-cluster": c.name }, row, view.open.has(c.name) ? details(c) : null);
  }

  function pager(b) {
    const button = (text, page, disabled) => {
      const node = el("button", { type: "button", class: "page", disabled }, text);
      node.addEventListener("click", () => setView({ page }));
      return node;
    };
    const first = b.matched === 0 ? 0 : (b.page - 1) * b.size + 1;
    return [button("‹ previous", b.page - 1, b.page <= 1),
      el("span", { class: "range" }, `${first}–${(b.page - 1) * b.size + b.clusters.length} of ${b.matched}`
        + (b.matched === b.total ? "" : ` (filtered from ${b.total})`) + ` · page ${b.page} of ${b.pages}`),
      button("next ›", b.page + 1, b.page >= b.pages)];
  }

  function draw() {
    const b = view.body;
    if (!b) return;
    if (b.total <= OPEN_ALL_UP_TO && !view.touched) b.clusters.forEach((c) => view.open.add(c.name));
    const table = document.getElementById("clusters");
    table.querySelectorAll("tbody").forEach((t) => t.remove());
    table.append(...b.clusters.map(clusterBody));
    document.getElementById("empty").hidden = b.clusters.length > 0;
    document.getElementById("pager").replaceChildren(...pager(b));
    drawn.forEach((l) => l());
    if (!performance.getEntriesByName("logship-rendered").length) performance.mark("logship-rendered");
  }

  function url() {
    const p = new URLSearchParams({ page: String(view.page), size: String(PAGE_SIZE) });
    if (view.query) p.set("filter", view.query);
    if (view.state !== "all") p.set("state", view.state);
    return "/api/v1/clusters?" + p;
  }

  function setView(change) {
    Object.assign(view, change, { touched: true });
    const params = new URLSearchParams();
    if (view.query) params.set("q", view.query);
    if (view.state !== "all") params.set("state", view.state);
    if (view.page > 1) params.set("page", String(view.page));
    history.replaceState(null, "", params.toString() ? "#" + params : location.pathname);
    document.getElementById("filter").value = view.query;
    document.getElementById("state").value = view.state;
    poller.refresh("clusters");
  }

  function readAddress() {
    const params = new URLSearchParams(location.hash.slice(1));
    view.query = params.get("q") || "";
    view.state = params.get("state") || "all";
    view.page = Math.max(1, parseInt(params.get("page"), 10) || 1);
    document.getElementById("filter").value = view.query;
    document.getElementById("state").value = view.state;
  }

  readAddress();
  window.addEventListener("hashchange", () => { readAddress(); poller.refresh("clusters"); }); // a shared link pasted into an open tab
  document.getElementById("filter").addEventListener("input", (e) => setView({ query: e.target.value, page: 1 }));
  document.getElementById("state").addEventListener("change", (e) => setView({ state: e.target.value, page: 1 }));
  // The summary's count buttons filter the table too.
  window.logship.table = { setState: (state) => setView({ state: view.state === state ? "all" : state, page: 1 }), state: () => view.state,
    onDraw: (l) => drawn.push(l) };
  poller.subscribe("clusters", url, (body) => { view.body = body; draw(); });
})();
