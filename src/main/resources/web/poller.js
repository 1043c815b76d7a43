// The one poller of the page (window.logship.poller). Instead of re-reading everything every
// 2 s it long-polls GET /api/v1/changes, which answers only when something the page shows
// changed (or after 25 s), then re-reads each subscribed URL at most once per MIN_INTERVAL_MS.
// Re-reads revalidate with the server's ETag: an unchanged answer is a 304 of a few hundred bytes,
// and listeners are called only when the ETag moved. Scripts subscribe with
// poller.subscribe(key, urlFn, listener); poller.refresh(key) re-reads one at once (a filter
// typed, a page turned, a resume clicked).
"use strict";

window.logship = window.logship || {};
window.logship.poller = (() => {
  const MIN_INTERVAL_MS = 2000;
  const RETRY_MS = 2000;
  const feeds = new Map(); // key -> { url: () => string, listeners: [], etag, lastUrl, body }
  const errorListeners = [];
  const roundListeners = [];
  let version = -1;
  let started = false;

  function subscribe(key, url, listener) {
    if (!feeds.has(key)) feeds.set(key, { url, listeners: [], etag: null, lastUrl: null, body: null });
    const feed = feeds.get(key);
    feed.listeners.push(listener);
    if (feed.body !== null) listener(feed.body);
    if (started) refresh(key);
  }

  // Every script subscribes while the page loads; the first round reads all of them together.
  document.addEventListener("DOMContentLoaded", () => { started = true; loop(); });

  async function read(key) {
    const feed = feeds.get(key);
    const url = feed.url();
    // The first read may use the page's preload; later ones revalidate (a 304 when the ETag still holds).
    const r = await fetch(url, { cache: feed.etag ? "no-cache" : "default" });
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    if (url !== feed.url()) return; // the view moved on (a filter typed) while this was on its way
    const etag = r.headers.get("ETag");
    if (etag && etag === feed.etag && url === feed.lastUrl) return;
    feed.body = await r.json();
    feed.etag = etag;
    feed.lastUrl = url;
    feed.listeners.forEach((l) => l(feed.body));
  }

  async function readAll() {
    await Promise.all([...feeds.keys()].map(read));
    roundListeners.forEach((l) => l());
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function loop() {
    for (;;) {
      const began = Date.now();
      try {
        await readAll();
        const r = await fetch(`/api/v1/changes?after=${version}`, { cache: "no-store" });
        if (!r.ok) throw new Error(`changes: HTTP ${r.status}`);
        version = (await r.json()).version;
        await sleep(Math.max(0, MIN_INTERVAL_MS - (Date.now() - began)));
      } catch (err) {
        errorListeners.forEach((l) => l(err));
        await sleep(RETRY_MS);
      }
    }
  }

  function refresh(key) {
    read(key).catch((err) => errorListeners.forEach((l) => l(err)));
  }

  return {
    subscribe,
    refresh,
    latest: (key) => (feeds.has(key) ? feeds.get(key).body : null),
    onError: (l) => errorListeners.push(l),
    onRound: (l) => roundListeners.push(l),
  };
})();
