/* webpub Thai site search: plain script, no build step, nothing fetched from other hosts.
 *
 * Index layout and scoring: scripts/webpub/search/indexer.py. normalise() and fnv1a()
 * must stay identical to scripts/webpub/search/segment.py and indexer.py.
 * Works with Material's instant loading on or off: listeners are delegated from the
 * document, and the /search/ page is filled on every page load.
 * The script holds no Thai: each search box carries its strings from the catalogue
 * (scripts/webpub/messages/th/search.yml) in data-webpub-search-text (JSON).
 */
(function () {
  "use strict";
  if (window.webpubSearch) return;

  var PAGE_SIZE = 10;
  var MIN_QUERY = 2;
  var DEBOUNCE_MS = 200;
  var MAX_ROUNDS = 8;
  var MAX_QUERY = 120;  /* a pasted paragraph would fetch half the index */
  var TOKEN = /[\u0e01-\u0e4e]+|[0-9a-z\u00c0-\u024f]+/g;
  var THAI = /^[\u0e01-\u0e4e]/;

  var scriptUrl = (document.currentScript && document.currentScript.src) ||
    (document.querySelector('script[src*="webpub-search/search.js"]') || {}).src || location.href;
  var siteRoot = new URL("../../", scriptUrl);
  var indexRoot = new URL("search-index/", siteRoot);

  /* ---- text ---------------------------------------------------------------- */

  function foldChar(ch) {
    var code = ch.charCodeAt(0);
    if (code >= 0x0e50 && code <= 0x0e59) return String.fromCharCode(code - 0x0e50 + 48);
    var lower = ch.toLowerCase();
    return lower.length === 1 ? lower : ch;
  }

  function normalise(text) {
    var out = String(text || "").normalize("NFC").toLowerCase();
    out = out.replace(/[\u0e50-\u0e59]/g, foldChar);
    out = out.replace(/[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g, "").replace(/\u0e4d\u0e32/g, "\u0e33");
    return out.replace(/(?:[\u0e01-\u0e2e]{1,3}\.){2,}/g, function (m) { return m.replace(/\./g, ""); });
  }

  function fnv1a(text) {
    var h = 0x811c9dc5;
    for (var ch of text) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h;
  }

  function icuBoundaries(run) {
    var cuts = [0, run.length];
    if (window.Intl && Intl.Segmenter) {
      var seg = new Intl.Segmenter("th", { granularity: "word" });
      for (var part of seg.segment(run)) cuts.push(part.index);
    }
    return Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
  }

  /* ---- fetching ------------------------------------------------------------ */

  var cache = new Map();
  var manifestPromise = null;
  var bytesFetched = 0;

  function getJson(url, noCache) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url, { credentials: "same-origin", cache: noCache ? "no-cache" : "default" })
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status + " " + url);
          return r.text();
        })
        .then(function (body) { bytesFetched += body.length; return JSON.parse(body); })
        .catch(function (err) { cache.delete(url); throw err; }));
    }
    return cache.get(url);
  }

  function manifest() {
    if (!manifestPromise) {
      manifestPromise = getJson(new URL("manifest.json", indexRoot).href, true)
        .catch(function (err) { manifestPromise = null; throw err; });
    }
    return manifestPromise;
  }

  function part(m, kind, n) {
    return getJson(new URL(m.base + kind + "/" + n + ".json", indexRoot).href);
  }

  function vocabShard(m, prefix) {
    return part(m, "v", fnv1a(prefix) % m.vocab).catch(function () { return []; });
  }

  /* ---- Thai query segmentation against the index's own words --------------- */

  function loadVocab(m, run, positions, vocab) {
    var wanted = positions.filter(function (i) { return i < run.length - 1 && !vocab.has(i); });
    return Promise.all(wanted.map(function (i) {
      return vocabShard(m, run.slice(i, i + 2)).then(function (words) {
        vocab.set(i, words.filter(function (w) { return run.startsWith(w, i); }));
      });
    }));
  }

  /* Fewest pieces; a known index word costs 1, an ICU segment unknown to the index 3. */
  function bestCut(run, cuts, vocab) {
    var n = run.length;
    var best = new Array(n + 1).fill(null);
    best[0] = { cost: 0, prev: -1, term: null };
    var missing = [];
    for (var i = 0; i < n; i++) {
      if (!best[i]) continue;
      if (i < n - 1 && !vocab.has(i)) { missing.push(i); continue; }
      var edges = (vocab.get(i) || []).map(function (w) { return [w.length, 1, w]; });
      var next = cuts.find(function (c) { return c > i; });
      if (next !== undefined) edges.push([next - i, 3, run.slice(i, next)]);
      edges.push([1, 5, null]);
      edges.forEach(function (e) {
        var end = i + e[0], cost = best[i].cost + e[1];
        if (!best[end] || cost < best[end].cost) best[end] = { cost: cost, prev: i, term: e[2] };
      });
    }
    return { best: best, missing: missing };
  }

  function segmentThai(m, run) {
    var cuts = icuBoundaries(run);
    var vocab = new Map();
    function round(positions, left) {
      return loadVocab(m, run, positions, vocab).then(function () {
        var result = bestCut(run, cuts, vocab);
        if (result.missing.length && left > 0) return round(result.missing, left - 1);
        var terms = [], end = run.length;
        while (end > 0 && result.best[end]) {
          var step = result.best[end];
          if (step.term && step.term.length > 1) terms.unshift(step.term);
          end = step.prev;
        }
        return terms;
      });
    }
    return round(cuts, MAX_ROUNDS);
  }

  function queryTerms(m, query) {
    var chunks = normalise(query.slice(0, MAX_QUERY)).match(TOKEN) || [];
    return Promise.all(chunks.map(function (chunk) {
      return THAI.test(chunk) ? segmentThai(m, chunk) : Promise.resolve([chunk]);
    })).then(function (lists) {
      var sequence = [].concat.apply([], lists), pairs = [];
      for (var i = 1; i < sequence.length; i++) pairs.push(sequence[i - 1] + " " + sequence[i]);
      /* pairs stay in query order, repeats included: the run of pairs is read by index */
      return { chunks: chunks, terms: Array.from(new Set(sequence)), pairs: pairs };
    });
  }

  /* ---- ranking -------------------------------------------------------------- */

  function postings(m, term) {
    return part(m, "p", fnv1a(term) % m.shards).then(function (shard) {
      return Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : [];
    });
  }

  /* A posting list is [docDelta, score*2+inTitle, ...] (a word pair adds n, then n
     position deltas, after each page) or, for a term on most pages, {b: base64 bitmap
     of pages, s: score, t: title page deltas, ts: title score}. */
  function eachPosting(list, withPositions, visit) {
    if (Array.isArray(list)) {
      for (var k = 0, doc = 0; k < list.length;) {
        doc += list[k];
        var packed = list[k + 1], where = null;
        k += 2;
        if (withPositions) {
          where = [];
          for (var n = list[k++], at = 0; n > 0; n--) { at += list[k++]; where.push(at); }
        }
        visit(doc, packed >> 1, packed & 1, where);
      }
      return;
    }
    var titles = new Set(), t = 0;
    list.t.forEach(function (d) { t += d; titles.add(t); });
    var bits = atob(list.b);
    for (var byte = 0; byte < bits.length; byte++) {
      var v = bits.charCodeAt(byte);
      for (var bit = 0; v && bit < 8; bit++, v >>= 1) {
        if (!(v & 1)) continue;
        var id = byte * 8 + bit, inTitle = titles.has(id);
        visit(id, inTitle ? list.ts : list.s, inTitle ? 1 : 0, null);
      }
    }
  }

  function postingCount(list) {
    return Array.isArray(list) ? list.length : list.b.length;
  }

  /* The longest run of the query's word pairs found one after another in the page.
     A pair too common to carry positions (null) counts when present, unchecked. */
  function longestRun(pairAt) {
    var best = 0;
    pairAt.forEach(function (where, i) {
      if (where === undefined) return;
      (where || [null]).forEach(function (start) {
        var length = 0;
        for (var k = i; k < pairAt.length && pairAt[k] !== undefined; k++) {
          if (start !== null && pairAt[k] && pairAt[k].indexOf(start + (k - i)) < 0) break;
          length++;
        }
        best = Math.max(best, length);
      });
    });
    return best;
  }

  /* Pages with every word first, then with more of the words side by side, then score. */
  function rank(words, pairs) {
    var hits = new Map();
    words.forEach(function (list) {
      if (!list) return;
      eachPosting(list, false, function (doc, score, inTitle) {
        var h = hits.get(doc);
        if (!h) { h = { id: doc, matched: 0, run: 0, pairs: 0, pairAt: [], score: 0, phrase: 0 }; hits.set(doc, h); }
        h.matched += 1; h.score += score;
      });
    });
    pairs.forEach(function (list, i) {
      if (!list) return;
      eachPosting(list, true, function (doc, score, inTitle, where) {
        var h = hits.get(doc);
        if (h) { h.pairs += 1; h.score += score; h.pairAt[i] = where; }
      });
    });
    var all = Array.from(hits.values());
    all.forEach(function (h) {
      if (h.pairs) { h.pairAt.length = pairs.length; h.run = longestRun(h.pairAt); }
      h.pairAt = null;
    });
    return all.sort(compareHits);
  }

  function compareHits(a, b) {
    return (b.matched - a.matched) || (b.run - a.run) || (b.pairs - a.pairs) || (b.phrase - a.phrase) ||
      (b.score - a.score) || (a.id - b.id);
  }

  function phraseBonus(hit, doc, chunks) {
    var haystack = normalise(doc.t) + "\n" + normalise(doc.x);
    hit.phrase = chunks.filter(function (c) { return c.length > 1 && haystack.indexOf(c) >= 0; }).length;
  }

  function search(query, page) {
    page = page || 0;
    return manifest().then(function (m) {
      return queryTerms(m, query).then(function (q) {
        var lookups = q.terms.concat(q.pairs).map(function (t) { return postings(m, t); });
        return Promise.all(lookups).then(function (lists) {
          var found = function (l) { return postingCount(l) > 0 ? l : null; };
          var ranked = rank(lists.slice(0, q.terms.length).map(found), lists.slice(q.terms.length).map(found));
          var shown = ranked.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
          return Promise.all(shown.map(function (h) { return part(m, "d", h.id); })).then(function (docs) {
            shown.forEach(function (h, i) { h.doc = docs[i]; phraseBonus(h, docs[i], q.chunks); });
            shown.sort(compareHits);
            return { query: query, terms: q.terms, total: ranked.length, page: page, results: shown.map(asResult) };
          });
        });
      });
    });
  }

  function asResult(hit) {
    var d = hit.doc;
    return { url: new URL(d.u, siteRoot).href, title: d.t, date: d.d || null, category: d.c || null,
             text: d.x || "", matched: hit.matched, score: hit.score };
  }

  /* ---- display (DOM nodes only; stored text is never parsed as HTML) ------- */

  function textOf(box) {
    if (!box.webpubText) {
      try { box.webpubText = JSON.parse(box.getAttribute("data-webpub-search-text") || "{}"); }
      catch (e) { box.webpubText = {}; }
    }
    return box.webpubText;
  }

  /* A catalogue template with its {name} fields filled in. */
  function fill(template, values) {
    return String(template || "").replace(/\{([a-z_]+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : m;
    });
  }

  function thaiDate(iso, months) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    if (!m || !months || !months[Number(m[2]) - 1]) return "";
    return Number(m[3]) + " " + months[Number(m[2]) - 1] + " " + (Number(m[1]) + 543);
  }

  function foldForMatch(text) {
    return Array.from(text).map(foldChar).join("");
  }

  function snippetRange(text, terms) {
    var folded = foldForMatch(text);
    var first = -1;
    terms.forEach(function (t) {
      var at = folded.indexOf(t);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = Math.max(0, first - 60);
    return { start: start, end: Math.min(text.length, start + 220), folded: folded };
  }

  function highlighted(text, terms) {
    var frag = document.createDocumentFragment();
    var r = snippetRange(text, terms);
    var piece = text.slice(r.start, r.end), folded = r.folded.slice(r.start, r.end);
    var marks = [];
    terms.forEach(function (t) {
      for (var at = folded.indexOf(t); t && at >= 0; at = folded.indexOf(t, at + t.length)) marks.push([at, at + t.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var pos = 0;
    if (r.start > 0) frag.appendChild(document.createTextNode("… "));
    marks.forEach(function (mk) {
      if (mk[0] < pos) return;
      frag.appendChild(document.createTextNode(piece.slice(pos, mk[0])));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(mk[0], mk[1]);
      frag.appendChild(mark);
      pos = mk[1];
    });
    frag.appendChild(document.createTextNode(piece.slice(pos)));
    if (r.end < text.length) frag.appendChild(document.createTextNode(" …"));
    return frag;
  }

  function resultItem(res, terms, text) {
    var li = document.createElement("li");
    li.className = "webpub-search__result";
    var a = document.createElement("a");
    a.href = res.url;
    a.className = "webpub-search__link";
    a.appendChild(highlighted(res.title, terms));
    li.appendChild(a);
    var meta = [thaiDate(res.date, text.months), res.category ? fill(text.category, { category: res.category }) : ""]
      .filter(Boolean).join(" · ");
    if (meta) {
      var p = document.createElement("p");
      p.className = "webpub-search__meta";
      p.textContent = meta;
      li.appendChild(p);
    }
    var snip = document.createElement("p");
    snip.className = "webpub-search__snippet";
    snip.appendChild(highlighted(res.text, terms));
    li.appendChild(snip);
    return li;
  }

  /* ---- wiring --------------------------------------------------------------- */

  var sequence = 0;
  var timer = null;

  function partsOf(box) {
    return {
      input: box.querySelector("[data-webpub-search-input]"),
      panel: box.querySelector("[data-webpub-search-panel]"),
      status: box.querySelector("[data-webpub-search-status]"),
      list: box.querySelector("[data-webpub-search-results]"),
      more: box.querySelector("[data-webpub-search-more]")
    };
  }

  function setStatus(ui, text) {
    ui.panel.hidden = false;
    ui.status.textContent = text || "";
  }

  function render(box, outcome, append) {
    var ui = partsOf(box);
    if (!append) ui.list.textContent = "";
    var text = textOf(box);
    outcome.results.forEach(function (res) { ui.list.appendChild(resultItem(res, outcome.terms, text)); });
    var values = { count: outcome.total, query: outcome.query.trim() };
    setStatus(ui, fill(outcome.total ? text.found : text.none, values));
    var shown = (outcome.page + 1) * PAGE_SIZE;
    if (ui.more) {
      ui.more.hidden = shown >= outcome.total;
      ui.more.dataset.page = String(outcome.page + 1);
    }
    box.setAttribute("aria-busy", "false");
  }

  function run(box, page) {
    var ui = partsOf(box);
    var query = ui.input.value;
    if (normalise(query).replace(/\s+/g, "").length < MIN_QUERY) {
      ui.panel.hidden = !box.hasAttribute("data-webpub-search-page");
      ui.list.textContent = "";
      ui.status.textContent = "";
      return Promise.resolve(null);
    }
    var mine = ++sequence;
    box.setAttribute("aria-busy", "true");
    if (!page) setStatus(ui, textOf(box).busy);
    return search(query, page || 0).then(function (outcome) {
      if (mine === sequence) render(box, outcome, page > 0);
      return outcome;
    }, function () {
      if (mine === sequence) setStatus(ui, textOf(box).failed);
      box.setAttribute("aria-busy", "false");
      return null;
    });
  }

  function boxOf(el) { return el && el.closest ? el.closest("[data-webpub-search]") : null; }

  function links(box) { return Array.from(box.querySelectorAll(".webpub-search__link")); }

  function onKey(event) {
    var box = boxOf(event.target);
    if (!box) return;
    var ui = partsOf(box);
    var items = links(box), at = items.indexOf(event.target);
    if (event.key === "Escape" && !box.hasAttribute("data-webpub-search-page") && !ui.panel.hidden) {
      event.preventDefault();  /* close the panel first; a second Escape clears the box */
      ui.panel.hidden = true;
      ui.input.focus();
    } else if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      items[Math.min(at + 1, items.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? ui.input : items[at - 1]).focus();
    }
  }

  document.addEventListener("input", function (event) {
    var box = boxOf(event.target);
    if (!box || !event.target.matches("[data-webpub-search-input]")) return;
    clearTimeout(timer);
    timer = setTimeout(function () { run(box, 0); }, DEBOUNCE_MS);
  });

  document.addEventListener("submit", function (event) {
    var box = boxOf(event.target);
    if (!box) return;
    event.preventDefault();
    clearTimeout(timer);
    run(box, 0);
  });

  document.addEventListener("click", function (event) {
    var more = event.target.closest && event.target.closest("[data-webpub-search-more]");
    if (more) { run(boxOf(more), Number(more.dataset.page || 1)); return; }
    document.querySelectorAll("[data-webpub-search]:not([data-webpub-search-page])").forEach(function (box) {
      if (!box.contains(event.target)) partsOf(box).panel.hidden = true;
    });
  });

  document.addEventListener("keydown", onKey);

  function onPageLoad() {
    var q = new URLSearchParams(location.search).get("q");
    document.querySelectorAll("[data-webpub-search-page]").forEach(function (box) {
      var ui = partsOf(box);
      if (q && !ui.input.value) ui.input.value = q;
      if (ui.input.value) run(box, 0);
    });
  }

  /* Material's instant loading announces each new page on document$ (it replays the
     current one on subscribe); without it, the page loads once. */
  function followPages() {
    if (!window.document$ || typeof window.document$.subscribe !== "function") return false;
    window.document$.subscribe(onPageLoad);
    return true;
  }

  if (!followPages()) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { if (!followPages()) onPageLoad(); });
    } else {
      onPageLoad();
    }
  }

  window.webpubSearch = {
    search: search,
    normalise: normalise,
    fnv1a: fnv1a,
    bytesFetched: function () { return bytesFetched; }
  };
})();
