// The status page: polls the JSON status API and redraws. No framework, no CDN: it must
// work on an operator's laptop with no internet and behind strict proxies.
"use strict";

const REFRESH_MS = 2000;

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

function forwarderRow(f) {
  return el("tr", { "data-forwarder": f.name },
    el("td", {}, f.name),
    el("td", {}, badge(f.syncStatus)),
    el("td", {}, badge(f.health, f.healthMessage)),
    el("td", { class: "tasks" }, `${f.running ?? "?"}/${f.desired ?? "?"}`),
    el("td", {}, f.taskDefinition || ""),
    el("td", {}, f.healthMessage || ""));
}

function clusterCard(c) {
  const ready = (c.conditions || []).find((x) => x.type === "Ready");
  const stalled = (c.conditions || []).find((x) => x.type === "Stalled" && x.status === "True");
  const card = el("article", { class: "cluster", "data-cluster": c.name },
    el("h2", {}, c.name, badge(c.syncStatus), badge(c.health), stalled ? badge("Stalled", stalled.message) : null),
    el("div", { class: "meta" },
      `${c.clusterName} · ${c.region} · applied `,
      el("code", { class: "applied-revision" }, (c.lastAppliedRevision || "none").slice(0, 12)),
      ` · attempted `,
      el("code", {}, (c.lastAttemptedRevision || "none").slice(0, 12)),
      ` · last sync ${when(c.lastSyncTime)} (${c.lastSyncDurationMillis ?? "?"} ms)`),
    ready && ready.status !== "True" ? el("div", { class: "error" }, `${ready.reason}: ${ready.message}`) : null,
    c.lastError ? el("div", { class: "error" }, c.lastError) : null,
    el("table", {},
      el("thead", {}, el("tr", {}, ...["forwarder", "sync", "health", "tasks", "task definition", "message"].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...(c.forwarders || []).map(forwarderRow))),
    c.pendingPlan ? el("pre", { class: "diff" }, c.pendingPlan) : null);
  return card;
}

function eventRow(e) {
  return el("tr", {}, el("td", {}, when(e.time)), el("td", {}, e.cluster || ""), el("td", {}, e.type), el("td", {}, e.message));
}

async function refresh() {
  try {
    const [status, events] = await Promise.all([
      fetch("/api/v1/status").then((r) => r.json()),
      fetch("/api/v1/events").then((r) => r.json()),
    ]);
    const source = status.source || {};
    document.getElementById("source").textContent =
      `${source.repo || ""} @ ${source.ref || "default branch"} · revision ${(source.revision || "none").slice(0, 12)}` +
      (source.error ? ` · source error: ${source.error}` : "");
    document.getElementById("clusters").replaceChildren(...(status.clusters || []).map(clusterCard));
    document.querySelector("#events tbody").replaceChildren(...(events || []).slice(0, 30).map(eventRow));
    document.getElementById("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (err) {
    document.getElementById("updated").textContent = `status unavailable: ${err.message}`;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
