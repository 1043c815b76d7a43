// The status page: polls the JSON status API and redraws. No framework, no CDN: it must
// work on an operator's laptop with no internet and behind strict proxies. At 1,000 clusters
// it stays quick by drawing one page of table rows (never a card per cluster) and only the
// details a person opened; counts, filter and order are computed on the whole fleet.
"use strict";

const REFRESH_MS = 2000;
const PAGE_SIZE = 50;
const OPEN_ALL_UP_TO = 10; // small fleets (the demo) show every cluster's forwarders at once

const view = { query: "", state: "all", page: 0, open: new Set(), status: null, events: [] };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function badge(text, title) {
  return el("span", { class: "badge " + text, title: title || text }, text);
}

function when(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "never";
}

function short(revision) {
  return (revision || "none").slice(0, 12);
}

function condition(c, type) {
  return (c.conditions || []).find((x) => x.type === type);
}

function isStalled(c) {
  const stalled = condition(c, "Stalled");
  return !!stalled && stalled.status === "True";
}

// Lower is worse; the table lists the worst first. Failing = errors, Missing, Degraded, Stalled.
const RANKS = ["Error", "Missing", "Degraded", "Stalled", "OutOfSync", "Progressing", "Unknown", "Healthy"];

function rank(c) {
  if (c.lastError) return 0;
  if (c.health === "Missing") return 1;
  if (c.health === "Degraded") return 2;
  if (isStalled(c)) return 3;
  if (c.syncStatus === "OutOfSync") return 4;
  if (c.health === "Progressing") return 5;
  if (c.syncStatus === "Unknown" || c.health !== "Healthy") return 6;
  return 7;
}

const FAILING_RANK = 3;

function labelText(c) {
  return Object.entries(c.labels || {}).map(([k, v]) => `${k}=${v}`);
}

// "env=prod" matches a label exactly; any other word matches part of the name, ECS name, region or a label.
function matchesQuery(c, query) {
  const labels = labelText(c);
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => {
    if (word.includes("=")) return labels.some((l) => l.toLowerCase() === word);
    return [c.name, c.clusterName, c.region, ...labels].some((s) => (s || "").toLowerCase().includes(word));
  });
}

function matchesState(c, state) {
  switch (state) {
    case "all": return true;
    case "failing": return rank(c) <= FAILING_RANK;
    case "Stalled": return isStalled(c);
    case "Error": return !!c.lastError;
    case "Synced": case "OutOfSync": return c.syncStatus === state;
    default: return c.health === state || (state === "Unknown" && c.syncStatus === "Unknown");
  }
}

function counts(clusters) {
  const sync = {}, health = {};
  let stalled = 0, failing = 0;
  for (const c of clusters) {
    sync[c.syncStatus] = (sync[c.syncStatus] || 0) + 1;
    health[c.health] = (health[c.health] || 0) + 1;
    if (isStalled(c)) stalled++;
    if (rank(c) <= FAILING_RANK) failing++;
  }
  return { sync, health, stalled, failing };
}

function stateButton(state, label, count) {
  const attrs = { type: "button", class: "count " + state + (view.state === state ? " selected" : ""), "data-state": state };
  const button = el("button", attrs, el("b", {}, count), " ", label);
  button.addEventListener("click", () => setView({ state: view.state === state ? "all" : state, page: 0 }));
  return button;
}

function summary(clusters) {
  const n = counts(clusters);
  const group = (title, map, order) => el("span", { class: "group" }, el("span", { class: "group-title" }, title),
    ...order.filter((k) => map[k]).map((k) => stateButton(k, k, map[k])));
  return [
    stateButton("all", "clusters", clusters.length),
    stateButton("failing", "failing", n.failing),
    group("sync", n.sync, ["Synced", "OutOfSync", "Unknown"]),
    group("health", n.health, ["Healthy", "Progressing", "Degraded", "Missing", "Unknown"]),
    n.stalled ? stateButton("Stalled", "Stalled", n.stalled) : null,
  ].filter(Boolean);
}

function stateCell(c) {
  if (isStalled(c)) {
    // Never "Synced" next to "Stalled": say which commit ECS is on.
    const applied = c.lastAppliedRevision ? `ECS on older commit ${short(c.lastAppliedRevision)}` : "nothing applied";
    return el("td", { class: "state" }, badge("Stalled", condition(c, "Stalled").message),
      el("span", { class: "older" }, applied), badge(c.health, c.healthMessage));
  }
  return el("td", { class: "state" }, badge(c.lastError ? "Error" : c.syncStatus, c.lastError || c.syncStatus),
    badge(c.health, c.healthMessage));
}

function forwarderCounts(c) {
  const fs = c.forwarders || [];
  const running = fs.reduce((sum, f) => sum + (f.running || 0), 0);
  const desired = fs.reduce((sum, f) => sum + (f.desired || 0), 0);
  return `${fs.length} · ${running}/${desired} tasks`;
}

function clusterRow(c) {
  const open = view.open.has(c.name);
  const toggle = el("button", { type: "button", class: "toggle", "aria-expanded": String(open), title: "forwarders, conditions, plan" },
    open ? "▾" : "▸", " ", c.name);
  toggle.addEventListener("click", () => {
    if (view.open.has(c.name)) view.open.delete(c.name); else view.open.add(c.name);
    view.touched = true;
    draw();
  });
  const newest = c.lastAttemptedRevision && c.lastAttemptedRevision !== c.lastAppliedRevision
    ? el("span", { class: "newest" }, ` newest ${short(c.lastAttemptedRevision)}`) : null;
  return el("tr", { class: "row rank-" + RANKS[rank(c)] },
    el("td", { class: "name" }, toggle, el("div", { class: "where" }, `${c.clusterName} · ${c.region}`)),
    el("td", { class: "labels" }, ...labelText(c).map((l) => el("span", { class: "label" }, l))),
    stateCell(c),
    el("td", {}, el("code", { class: "applied-revision" }, short(c.lastAppliedRevision)), newest),
    el("td", { class: "tasks" }, forwarderCounts(c)),
    el("td", {}, `${when(c.lastSyncTime)} (${c.lastSyncDurationMillis ?? "?"} ms)`),
    el("td", { class: "message", title: c.summary || "" }, c.summary || ""));
}

function forwarderRow(f) {
  return el("tr", { "data-forwarder": f.name },
    el("td", {}, f.name),
    el("td", {}, badge(f.syncStatus)),
    el("td", {}, badge(f.health, f.healthMessage)),
    el("td", { class: "tasks" }, `${f.running ?? "?"}/${f.desired ?? "?"}`),
    el("td", {}, f.taskDefinition || ""),
    el("td", {}, f.healthMessage || ""));
}

function details(c) {
  const stalled = isStalled(c) ? condition(c, "Stalled") : null;
  const ready = condition(c, "Ready");
  const problem = stalled || (ready && ready.status === "False" ? ready : null);
  return el("tr", { class: "details" }, el("td", { colspan: 7 },
    problem ? el("div", { class: "error" }, `${problem.type === "Stalled" ? "Stalled" : "Not ready"} (${problem.reason}): ${problem.message}`) : null,
    el("table", { class: "forwarders" },
      el("thead", {}, el("tr", {}, ...["forwarder", "sync", "health", "tasks", "task definition", "message"].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...(c.forwarders || []).map(forwarderRow))),
    c.pendingPlan ? el("pre", { class: "diff" }, c.pendingPlan) : null));
}

function clusterBody(c) {
  return el("tbody", { class: "cluster", "data-cluster": c.name }, clusterRow(c), view.open.has(c.name) ? details(c) : null);
}

function pager(shown, total, all) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : view.page * PAGE_SIZE + 1;
  const button = (text, page, disabled) => {
    const b = el("button", { type: "button", class: "page", disabled: disabled ? "" : null }, text);
    b.addEventListener("click", () => setView({ page }));
    return b;
  };
  return [button("‹ previous", view.page - 1, view.page === 0),
    el("span", { class: "range" }, `${first}–${view.page * PAGE_SIZE + shown} of ${total}` + (total === all ? "" : ` (filtered from ${all})`)
      + ` · page ${view.page + 1} of ${pages}`),
    button("next ›", view.page + 1, view.page >= pages - 1)];
}

function source(status) {
  const s = status.source || {};
  document.getElementById("source").textContent =
    `${s.repo || ""} @ ${s.ref || "default branch"} · revision ${short(s.revision)}`;
  const error = document.getElementById("source-error");
  error.textContent = s.error ? `source: ${s.error}` : "";
  error.hidden = !s.error;
}

function draw() {
  const status = view.status;
  if (!status) return;
  const clusters = status.clusters || [];
  if (clusters.length <= OPEN_ALL_UP_TO && !view.touched) clusters.forEach((c) => view.open.add(c.name));
  source(status);
  document.getElementById("summary").replaceChildren(...summary(clusters));
  const shown = clusters.filter((c) => matchesState(c, view.state) && matchesQuery(c, view.query))
    .map((c) => [rank(c), c]).sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name)).map(([, c]) => c);
  view.page = Math.min(view.page, Math.max(0, Math.ceil(shown.length / PAGE_SIZE) - 1));
  const page = shown.slice(view.page * PAGE_SIZE, (view.page + 1) * PAGE_SIZE);
  const table = document.getElementById("clusters");
  table.querySelectorAll("tbody").forEach((b) => b.remove());
  table.append(...page.map(clusterBody));
  document.getElementById("empty").hidden = page.length > 0;
  document.getElementById("pager").replaceChildren(...pager(page.length, shown.length, clusters.length));
  document.querySelector("#events tbody").replaceChildren(...view.events.slice(0, 30).map(eventRow));
}

function eventRow(e) {
  return el("tr", {}, el("td", {}, when(e.time)), el("td", {}, e.cluster || ""), el("td", {}, e.type), el("td", {}, e.message));
}

// The filter lives in the address (#q=env%3Dprod&state=failing&page=2), so a view can be shared.
function setView(change) {
  Object.assign(view, change, { touched: true });
  const params = new URLSearchParams();
  if (view.query) params.set("q", view.query);
  if (view.state !== "all") params.set("state", view.state);
  if (view.page) params.set("page", String(view.page + 1));
  history.replaceState(null, "", params.toString() ? "#" + params : location.pathname);
  document.getElementById("filter").value = view.query;
  document.getElementById("state").value = view.state;
  draw();
}

function readAddress() {
  const params = new URLSearchParams(location.hash.slice(1));
  view.query = params.get("q") || "";
  view.state = params.get("state") || "all";
  view.page = Math.max(0, (parseInt(params.get("page"), 10) || 1) - 1);
  document.getElementById("filter").value = view.query;
  document.getElementById("state").value = view.state;
}

async function refresh() {
  try {
    const [status, events] = await Promise.all([
      fetch("/api/v1/status").then((r) => r.json()),
      fetch("/api/v1/events").then((r) => r.json()),
    ]);
    view.status = status;
    view.events = events || [];
    draw();
    if (!performance.getEntriesByName("logship-rendered").length) performance.mark("logship-rendered");
    document.getElementById("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (err) {
    document.getElementById("updated").textContent = `status unavailable: ${err.message}`;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

document.getElementById("filter").addEventListener("input", (e) => setView({ query: e.target.value, page: 0 }));
document.getElementById("state").addEventListener("change", (e) => setView({ state: e.target.value, page: 0 }));
readAddress();
refresh();
