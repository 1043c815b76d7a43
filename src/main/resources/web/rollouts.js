// The rollout panel: one block per rollout of the commit in force (GET /api/v1/rollouts?clusters=none),
// with its state, current wave by number and name, each wave's clusters counted by the same states
// the table shows (Waiting, Unchanged, in flight, ...), the clusters worth a look named and
// "+N more" when a wave is cut, why it halted, and the resume control. The control asks for the
// API token only when serve has one; the token is sent only with the resume request, never stored.
"use strict";

(() => {
  const { el, spaced, short } = window.logship.dom;
  const poller = window.logship.poller;
  const ORDER = ["waiting", "held", "inFlight", "baking", "unchanged", "done", "failed", "rollingBack", "rolledBack"];
  const WORDS = { inFlight: "in flight", rollingBack: "rolling back", rolledBack: "rolled back" };
  const word = (state) => WORDS[state] || state;
  const resumeForms = new Map(); // policy -> its form, kept across redraws so a half-typed token survives
  let needsToken = true;

  function resumeForm(policy) {
    const key = policy + (needsToken ? " token" : "");
    if (resumeForms.has(key)) return resumeForms.get(key);
    const token = needsToken ? el("input", { type: "password", name: "token", placeholder: "API token", autocomplete: "off",
      "aria-label": "API token for resume" }) : null;
    const result = document.getElementById("rollout-action"); // outside the blocks: it stays when the rollout moves on
    const form = el("form", { class: "resume" }, token,
      el("button", { type: "submit", title: "resumes every halted rollout: failed clusters are tried again" }, "Resume"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      result.textContent = "resuming…";
      try {
        const headers = token ? { Authorization: "Bearer " + token.value } : {};
        const r = await fetch("/api/v1/rollouts/resume", { method: "POST", headers });
        const body = await r.json().catch(() => ({}));
        result.textContent = r.status === 202 ? "resumed" : r.status === 401 ? "the API token was refused"
          : r.status === 409 ? "no rollout is halted" : body.error || `resume failed (HTTP ${r.status})`;
        if (r.status === 202 && token) token.value = "";
      } catch (err) {
        result.textContent = `resume failed: ${err.message}`;
      }
      poller.refresh("rollouts");
    });
    resumeForms.set(key, form);
    return form;
  }

  function chip(c) {
    return el("span", { class: "cluster-phase " + c.state, "data-cluster": c.cluster, title: c.text || c.state }, `${c.cluster} ${word(c.state)}`);
  }

  function wave(r, w) {
    const counts = ORDER.filter((s) => w.states[s]).map((s) => `${word(s)} ${w.states[s]}`).join(", ");
    const label = `wave ${w.number}${w.name ? ` (${w.name})` : ""}: `;
    const summary = w.clusters > w.named.length || w.named.length === 0 ? `${w.clusters} clusters (${counts}) ` : null;
    return el("li", { "data-wave": w.number, class: w.number === r.currentWave ? "current" : null }, label, summary,
      ...spaced(w.named.map(chip)), w.more > 0 ? el("span", { class: "more" }, ` +${w.more} more`) : null);
  }

  function totals(r) {
    const all = {};
    (r.waves || []).forEach((w) => Object.entries(w.states).forEach(([s, n]) => { all[s] = (all[s] || 0) + n; }));
    return el("div", { class: "rollout-counts" }, ...ORDER.filter((s) => all[s]).map((s) =>
      el("span", { class: "phase-count", "data-state": s }, `${word(s)} ${all[s]}`)));
  }

  function block(r) {
    const where = r.currentWave ? `wave ${r.currentWave} of ${r.waveCount}${r.currentWaveName ? ` (${r.currentWaveName})` : ""}`
      : "every wave done";
    const head = el("div", { class: "rollout-head" },
      el("span", { class: "badge rollout-state " + r.state }, r.state),
      el("span", { class: "rollout-policy" }, `policy ${r.policy}`),
      el("span", { class: "rollout-commit" }, `commit ${short(r.commit)}`),
      el("span", { class: "rollout-wave" }, where));
    return el("div", { class: "rollout", "data-policy": r.policy, "data-state": r.state }, head, totals(r),
      r.haltReason ? el("p", { class: "halt-reason" }, `halted: ${r.haltReason}`) : null,
      r.windowBlockedUntil ? el("p", { class: "window-blocked" }, `a sync window blocks it until ${r.windowBlockedUntil}`) : null,
      el("ul", { class: "rollout-waves" }, ...(r.waves || []).map((w) => wave(r, w))),
      r.state === "HALTED" ? resumeForm(r.policy) : null);
  }

  let latest = [];
  function draw() {
    document.getElementById("rollouts").hidden = latest.length === 0;
    document.getElementById("rollout-list").replaceChildren(...latest.map(block));
  }

  poller.subscribe("summary", () => "/api/v1/summary", (s) => {
    const before = needsToken;
    needsToken = !s.controls || s.controls.resumeNeedsToken !== false;
    if (before !== needsToken) draw();
  });
  poller.subscribe("rollouts", () => "/api/v1/rollouts?clusters=none", (body) => { latest = body.rollouts || []; draw(); });
})();
