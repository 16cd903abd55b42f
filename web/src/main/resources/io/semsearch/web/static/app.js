// semsearch search page. Vanilla JS; every piece of document text goes through textContent,
// never innerHTML. The query state lives in the URL: ?q=&mode=&page=&size=&f.<field>=<value>...,
// ?similar=<id>, ?doc=<id>, ?tab=paraphrases; links are shareable, back/forward work.
"use strict";

const PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;
const FACET_SIZE = 8;
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

// ---- URL state

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [key, value] of params) {
    if (key.startsWith("f.")) (filters[key.slice(2)] ??= []).push(value);
  }
  return {
    tab: params.get("tab") === "paraphrases" ? "paraphrases" : "search",
    q: params.get("q") ?? "",
    mode: params.get("mode") ?? "semantic",
    page: Math.max(1, parseInt(params.get("page") ?? "1", 10) || 1),
    size: Math.min(MAX_PAGE_SIZE, Math.max(1, parseInt(params.get("size") ?? "", 10) || PAGE_SIZE)),
    similar: params.get("similar"),
    doc: params.get("doc"),
    filters,
  };
}

function urlOf(state) {
  const params = new URLSearchParams();
  if (state.tab === "paraphrases") params.set("tab", "paraphrases");
  if (state.similar) params.set("similar", state.similar);
  else if (state.doc) params.set("doc", state.doc);
  else if (state.q) {
    params.set("q", state.q);
    if (state.mode && state.mode !== "semantic") params.set("mode", state.mode);
    if (state.page > 1) params.set("page", String(state.page));
    if (state.size && state.size !== PAGE_SIZE) params.set("size", String(state.size));
    for (const field of Object.keys(state.filters).sort()) {
      for (const value of state.filters[field]) params.append("f." + field, value);
    }
  }
  const query = params.toString();
  return location.pathname + (query ? "?" + query : "");
}

function navigate(state) {
  const url = urlOf(state);
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  render();
}

// ---- API

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "Accept": "application/json", ...(options.body ? { "Content-Type": "application/json" } : {}) },
  });
  let body = null;
  try { body = await response.json(); } catch (e) { /* not JSON */ }
  if (!response.ok) {
    throw new Error(body && body.error ? body.error : `HTTP ${response.status}`);
  }
  return body;
}

// ---- rendering

let generation = 0; // ignores answers to superseded requests

function showError(node, message) {
  node.textContent = message;
  node.hidden = !message;
}

function render() {
  const state = readState();
  const paraphrases = state.tab === "paraphrases";
  $("view-search").hidden = paraphrases;
  $("view-paraphrases").hidden = !paraphrases;
  $("tab-search").setAttribute("aria-selected", String(!paraphrases));
  $("tab-paraphrases").setAttribute("aria-selected", String(paraphrases));
  document.title = paraphrases ? "Paraphrases · semsearch" : state.q ? `${state.q} · semsearch` : "semsearch";
  if (paraphrases) return;
  $("q").value = state.q;
  $("mode").value = ["semantic", "hybrid", "keyword"].includes(state.mode) ? state.mode : "semantic";
  if (state.similar) return runSimilar(state);
  if (state.doc) return runDocument(state);
  if (state.q) return runSearch(state);
  clearResults();
  $("status").textContent = "Type a query: results are ranked by meaning, not only by words.";
}

function clearResults() {
  $("results").replaceChildren();
  $("facets").replaceChildren();
  $("prev").hidden = $("next").hidden = true;
  $("page-label").textContent = "";
  showError($("error"), "");
}

function failed(mine, error) {
  if (mine !== generation) return;
  clearResults();
  $("status").textContent = "";
  showError($("error"), error.message);
}

async function runSearch(state) {
  const mine = ++generation;
  const filter = {};
  for (const [field, values] of Object.entries(state.filters)) filter[field] = values;
  const body = {
    // one hit more than the page shows tells whether there is a next page
    q: state.q, mode: state.mode, k: state.size + 1, offset: (state.page - 1) * state.size,
    highlight: true, facets: FACET_SIZE, filter,
  };
  // with a cross-encoder on the server, the toggle says whether to rerank
  if (!$("rerank-toggle").hidden) body.rerank = $("rerank").checked;
  $("status").textContent = "Searching…";
  showError($("error"), "");
  try {
    const result = await api("/api/search", { method: "POST", body: JSON.stringify(body) });
    if (mine !== generation) return;
    const more = result.hits.length > state.size;
    const hits = result.hits.slice(0, state.size);
    renderHits(hits, state.q);
    renderFacets(result.facets ?? {}, state);
    const first = (state.page - 1) * state.size + 1;
    $("status").textContent = hits.length === 0
      ? `No results (${result.took_ms} ms).`
      : `Results ${first}–${first + hits.length - 1} · ${result.mode} · ${result.took_ms} ms`;
    $("prev").hidden = state.page <= 1;
    $("next").hidden = !more;
    $("page-label").textContent = state.page > 1 || more ? `Page ${state.page}` : "";
  } catch (e) {
    failed(mine, e);
  }
}

async function runSimilar(state) {
  const mine = ++generation;
  $("status").textContent = "Finding similar documents…";
  showError($("error"), "");
  try {
    const result = await api(`/api/documents/${encodeURIComponent(state.similar)}/similar?k=${PAGE_SIZE}`);
    if (mine !== generation) return;
    renderHits(result.hits, null);
    $("facets").replaceChildren();
    $("prev").hidden = $("next").hidden = true;
    $("page-label").textContent = "";
    $("status").textContent = `Documents similar to “${state.similar}” · ${result.took_ms} ms`;
  } catch (e) {
    failed(mine, e);
  }
}

async function runDocument(state) {
  const mine = ++generation;
  showError($("error"), "");
  try {
    const doc = await api(`/api/documents/${encodeURIComponent(state.doc)}`);
    if (mine !== generation) return;
    clearResults();
    const item = el("li", { class: "hit document" },
      el("h2", { class: "hit-title", text: doc.title || doc.id }),
      metaList(doc.metadata),
      el("div", { class: "full-text", text: doc.text }),
      similarLink(doc.id));
    $("results").append(item);
    $("status").textContent = `Document “${doc.id}” · ${doc.passages.length} passage${doc.passages.length === 1 ? "" : "s"}`;
  } catch (e) {
    failed(mine, e);
  }
}

function similarLink(id) {
  const link = el("a", { class: "similar", text: "Similar", href: urlOf({ similar: id, filters: {} }) });
  link.setAttribute("aria-label", `Documents similar to ${id}`);
  link.addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate({ similar: id, filters: {} });
  });
  return link;
}

function metaList(metadata) {
  const list = el("ul", { class: "meta" });
  for (const [key, value] of Object.entries(metadata ?? {})) {
    list.append(el("li", {}, el("span", { class: "meta-key", text: key }), el("span", { text: String(value) })));
  }
  return list;
}

/** The snippet as text nodes, the highlighted sentence inside <mark>. */
function snippetNodes(snippet, highlight) {
  if (!highlight || highlight.end <= highlight.start) return [document.createTextNode(snippet)];
  return [
    document.createTextNode(snippet.slice(0, highlight.start)),
    el("mark", { text: snippet.slice(highlight.start, highlight.end) }),
    document.createTextNode(snippet.slice(highlight.end)),
  ];
}

/** After a rerank that picked another passage than the first stage: which, counted from 1. */
function movedPassage(hit) {
  return hit.first_stage_passage == null || hit.first_stage_passage === hit.passage
    ? ""
    : `, passage ${hit.first_stage_passage + 1} → ${hit.passage + 1}`;
}

function renderHits(hits, query) {
  const template = $("hit-template");
  const items = hits.map((hit) => {
    const item = template.content.firstElementChild.cloneNode(true);
    const title = item.querySelector(".hit-title");
    title.textContent = hit.title || hit.id;
    title.href = urlOf({ doc: hit.id, filters: {} });
    title.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      navigate({ doc: hit.id, filters: {} });
    });
    item.querySelector(".score").textContent = hit.rerank_score == null
      ? hit.score.toFixed(3)
      : `${hit.rerank_score.toFixed(3)} (first stage ${hit.first_stage_score.toFixed(3)}${movedPassage(hit)})`;
    item.querySelector(".snippet").replaceChildren(...snippetNodes(hit.snippet ?? "", hit.highlight));
    item.querySelector(".meta").replaceWith(metaList(hit.metadata));
    item.querySelector(".similar").replaceWith(similarLink(hit.id));
    item.dataset.id = hit.id;
    return item;
  });
  $("results").replaceChildren(...items);
}

function renderFacets(facets, state) {
  const groups = [];
  const fields = new Set([...Object.keys(facets), ...Object.keys(state.filters)]);
  for (const field of [...fields].sort()) {
    const selected = new Set(state.filters[field] ?? []);
    const buckets = [...(facets[field] ?? [])];
    for (const value of selected) {
      if (!buckets.some((b) => b.value === value)) buckets.push({ value, count: 0 });
    }
    if (buckets.length < 2 && selected.size === 0) continue; // nothing to narrow
    const list = el("ul");
    for (const bucket of buckets) {
      const box = el("input", { type: "checkbox", checked: selected.has(bucket.value) });
      box.dataset.field = field;
      box.dataset.value = bucket.value;
      box.addEventListener("change", () => toggleFilter(field, bucket.value, box.checked));
      list.append(el("li", {}, el("label", {}, box, el("span", { class: "facet-value", text: bucket.value }),
        el("span", { class: "count", text: String(bucket.count) }))));
    }
    groups.push(el("fieldset", {}, el("legend", { text: field }), list));
  }
  if (Object.keys(state.filters).length > 0) {
    const clear = el("button", { type: "button", class: "link", text: "Clear filters" });
    clear.addEventListener("click", () => navigate({ ...readState(), filters: {}, page: 1 }));
    groups.push(clear);
  }
  $("facets").replaceChildren(...groups);
}

function toggleFilter(field, value, on) {
  const state = readState();
  const values = new Set(state.filters[field] ?? []);
  if (on) values.add(value); else values.delete(value);
  if (values.size) state.filters[field] = [...values]; else delete state.filters[field];
  navigate({ ...state, page: 1 });
}

// ---- paraphrases

async function findParaphrases(event) {
  event.preventDefault();
  const sentences = $("sentences").value.split("\n").map((s) => s.trim()).filter((s) => s.length > 0);
  const body = {
    sentences,
    threshold: parseFloat($("threshold").value || "0.5"),
    max_pairs: parseInt($("max-pairs").value || "50", 10),
  };
  const tbody = $("pairs").querySelector("tbody");
  showError($("paraphrase-error"), "");
  $("paraphrase-status").textContent = "Mining…";
  try {
    const result = await api("/api/paraphrases", { method: "POST", body: JSON.stringify(body) });
    tbody.replaceChildren(...result.pairs.map((pair) => el("tr", {},
      el("td", { class: "score", text: pair.score.toFixed(3) }),
      el("td", { text: pair.first_text }),
      el("td", { text: pair.second_text }))));
    $("pairs").hidden = result.pairs.length === 0;
    $("paraphrase-status").textContent = `${result.pairs.length} pair${result.pairs.length === 1 ? "" : "s"} · ${result.took_ms} ms`;
  } catch (e) {
    $("pairs").hidden = true;
    $("paraphrase-status").textContent = "";
    showError($("paraphrase-error"), e.message);
  }
}

// ---- wiring

function init() {
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = $("q").value.trim();
    if (!q) return;
    const state = readState();
    navigate({ tab: "search", q, mode: $("mode").value, page: 1, size: state.size, filters: state.q === q ? state.filters : {} });
  });
  $("mode").addEventListener("change", () => {
    const state = readState();
    if (state.q) navigate({ ...state, mode: $("mode").value, page: 1 });
  });
  $("prev").addEventListener("click", () => { const s = readState(); navigate({ ...s, page: s.page - 1 }); });
  $("next").addEventListener("click", () => { const s = readState(); navigate({ ...s, page: s.page + 1 }); });
  $("tab-search").addEventListener("click", () => navigate({ ...readState(), tab: "search" }));
  $("tab-paraphrases").addEventListener("click", () => navigate({ ...readState(), tab: "paraphrases" }));
  for (const tab of [$("tab-search"), $("tab-paraphrases")]) {
    tab.addEventListener("keydown", (event) => {
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        const other = tab.id === "tab-search" ? $("tab-paraphrases") : $("tab-search");
        other.focus();
        other.click();
      }
    });
  }
  // the rerank toggle reruns the search shown
  $("rerank").addEventListener("change", () => { if (readState().q) render(); });
  $("paraphrase-form").addEventListener("submit", findParaphrases);
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      $("q").focus();
    }
  });
  window.addEventListener("popstate", render);
  api("/api/info").then((info) => {
    $("model-info").textContent = `${info.model.id} · ${info.index.documents} documents`
      + (info.rerank ? ` · reranked by ${info.rerank.model}` : "");
    $("rerank-toggle").hidden = !info.rerank;
  }).catch(() => {});
  render();
}

init();
