// The rollout panel: one block per rollout of the commit in force (from GET /api/v1/rollouts),
// with its state, current wave, clusters per phase, why it halted, and the resume control.
// Self-contained (its own polling and helpers) so it does not depend on app.js's internals.
// The API token is typed by the operator, sent only with the resume request, and never stored.
"use strict";

(() => {
  const REFRESH_MS = 2000;
  const PHASES = ["pending", "inFlight", "baking", "done", "failed", "rollingBack", "rolledBack"];
  const PHASE_WORDS = { inFlight: "in flight", rollingBack: "rolling back", rolledBack: "rolled back" };
  const resumeForms = new Map(); // policy -> its form, kept across redraws so a half-typed token survives

  function node(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) n.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) n.append(c instanceof Node ? c : String(c));
    return n;
  }

  function resumeForm(policy) {
    if (resumeForms.has(policy)) return resumeForms.get(policy);
    const token = node("input", { type: "password", name: "token", placeholder: "API token", autocomplete: "off",
      "aria-label": "API token for resume" });
    const result = document.getElementById("rollout-action"); // outside the blocks: it stays when the rollout moves on
    const form = node("form", { class: "resume" }, token,
      node("button", { type: "submit", title: "resumes every halted rollout: failed clusters are tried again" }, "Resume"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      result.textContent = "resuming…";
      try {
        const r = await fetch("/api/v1/rollouts/resume", { method: "POST", headers: { Authorization: "Bearer " + token.value } });
        result.textContent = r.status === 202 ? "resumed" : r.status === 401 ? "the API token was refused"
          : r.status === 409 ? "no rollout is halted" : `resume failed (HTTP ${r.status})`;
        if (r.status === 202) token.value = "";
      } catch (err) {
        result.textContent = `resume failed: ${err.message}`;
      }
      refresh();
    });
    resumeForms.set(policy, form);
    return form;
  }

  const NAMED_PER_WAVE = 20; // a bigger wave (a fleet of 1,000) shows counts and names only the clusters worth a look

  function clusterChip(c) {
    return node("span", { class: "cluster-phase " + c.phase, "data-cluster": c.cluster, title: c.message || c.phase },
      `${c.cluster} ${PHASE_WORDS[c.phase] || c.phase}`);
  }

  function spaced(nodes) {
    return nodes.flatMap((n, i) => [i ? " " : null, n]);
  }

  function waves(r) {
    const byWave = new Map();
    for (const c of r.clusters || []) {
      if (!byWave.has(c.wave)) byWave.set(c.wave, []);
      byWave.get(c.wave).push(c);
    }
    return [...byWave.entries()].sort((a, b) => a[0] - b[0]).map(([wave, clusters]) => {
      let shown = clusters;
      let summary = null;
      if (clusters.length > NAMED_PER_WAVE) {
        const counts = {};
        clusters.forEach((c) => { counts[c.phase] = (counts[c.phase] || 0) + 1; });
        summary = `${clusters.length} clusters (` + PHASES.filter((p) => counts[p])
          .map((p) => `${PHASE_WORDS[p] || p} ${counts[p]}`).join(", ") + ") ";
        shown = clusters.filter((c) => c.phase !== "pending" && c.phase !== "done").slice(0, NAMED_PER_WAVE);
      }
      return node("li", { "data-wave": wave, class: wave === r.currentWave ? "current" : null }, `wave ${wave}: `, summary,
        ...spaced(shown.map(clusterChip)));
    });
  }

  function block(r) {
    const lastWave = Math.max(0, ...(r.clusters || []).map((c) => c.wave));
    const head = node("div", { class: "rollout-head" },
      node("span", { class: "badge rollout-state " + r.state }, r.state),
      node("span", { class: "rollout-policy" }, `policy ${r.policy}`),
      node("span", { class: "rollout-commit" }, `commit ${(r.commit || "").slice(0, 12)}`),
      node("span", { class: "rollout-wave" }, r.currentWave ? `wave ${r.currentWave} of ${lastWave}` : "every wave done"));
    const counts = node("div", { class: "rollout-counts" }, ...PHASES.filter((p) => p in (r.counts || {})).map((p) =>
      node("span", { class: "phase-count", "data-phase": p }, `${PHASE_WORDS[p] || p} ${r.counts[p]}`)));
    const parts = [head, counts];
    if (r.haltReason) parts.push(node("p", { class: "halt-reason" }, `halted: ${r.haltReason}`));
    if (r.windowBlockedUntil) parts.push(node("p", { class: "window-blocked" }, `a sync window blocks it until ${r.windowBlockedUntil}`));
    parts.push(node("ul", { class: "rollout-waves" }, ...waves(r)));
    if (r.state === "HALTED") parts.push(resumeForm(r.policy));
    return node("div", { class: "rollout", "data-policy": r.policy, "data-state": r.state }, ...parts);
  }

  let timer = null;
  async function refresh() {
    clearTimeout(timer);
    try {
      const body = await fetch("/api/v1/rollouts").then((r) => r.json());
      const rollouts = body.rollouts || [];
      const section = document.getElementById("rollouts");
      section.hidden = rollouts.length === 0;
      document.getElementById("rollout-list").replaceChildren(...rollouts.map(block));
    } catch (err) {
      // the main status line already says when the server is unreachable
    } finally {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  refresh();
})();
