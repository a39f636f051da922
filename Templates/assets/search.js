// Offline search for reportsite: loads /search-index.json (built with the
// site) and matches words by prefix, title matches first. No framework and no
// request to anywhere but this site. Without JavaScript the search page still
// lists topics and document types.
(function () {
  "use strict";
  var STOP = new Set(["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "which", "with", "will"]);

  // Same folding as the index: lower case, no accents, letters and digits only.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2 && !STOP.has(w); });
  }

  function expand(map) {
    var out = new Map();
    Object.keys(map).forEach(function (term) {
      var previous = 0;
      out.set(term, map[term].map(function (delta) { previous += delta; return previous; }));
    });
    return out;
  }

  function Index(raw) {
    this.docs = raw.docs;
    this.title = expand(raw.title);
    this.text = expand(raw.text);
    this.titleKeys = Array.from(this.title.keys()).sort();
    this.textKeys = Array.from(this.text.keys()).sort();
  }

  // Documents having a word that starts with `token`, and whether it matched a whole word.
  function lookup(map, keys, token) {
    var lo = 0, hi = keys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (keys[mid] < token) lo = mid + 1; else hi = mid; }
    var found = new Map();
    for (var i = lo; i < keys.length && keys[i].lastIndexOf(token, 0) === 0; i++) {
      var exact = keys[i] === token;
      map.get(keys[i]).forEach(function (doc) { if (exact || !found.has(doc)) found.set(doc, exact || found.get(doc) || false); });
    }
    return found;
  }

  // Every query word must match; title matches score most, whole words more than prefixes.
  Index.prototype.search = function (query) {
    var tokens = words(query);
    if (!tokens.length) return [];
    var scores = null;
    var self = this;
    tokens.forEach(function (token) {
      var inTitle = lookup(self.title, self.titleKeys, token);
      var inText = lookup(self.text, self.textKeys, token);
      var next = new Map();
      var candidates = scores ? Array.from(scores.keys()) : Array.from(new Set(Array.from(inTitle.keys()).concat(Array.from(inText.keys()))));
      candidates.forEach(function (doc) {
        var score = 0;
        if (inTitle.has(doc)) score += inTitle.get(doc) ? 12 : 10;
        else if (inText.has(doc)) score += inText.get(doc) ? 2 : 1;
        else return;
        next.set(doc, (scores ? scores.get(doc) : 0) + score);
      });
      scores = next;
    });
    var docs = this.docs;
    return Array.from(scores.entries()).sort(function (a, b) {
      return b[1] - a[1] || (docs[b[0]][3] > docs[a[0]][3] ? 1 : docs[b[0]][3] < docs[a[0]][3] ? -1 : a[0] - b[0]);
    }).map(function (entry) { return { doc: docs[entry[0]], tokens: tokens }; });
  };

  // A piece of the snippet text around the first match, with the match marked.
  function snippet(text, tokens) {
    var folded = fold(text);
    var at = -1, length = 0;
    tokens.forEach(function (token) {
      var i = folded.search(new RegExp("(^|[^\\p{L}\\p{N}])" + token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u"));
      if (i >= 0 && (at < 0 || i < at)) { at = i + (folded[i].match(/[\p{L}\p{N}]/u) ? 0 : 1); length = token.length; }
    });
    var p = document.createElement("p");
    p.className = "search-result__snippet";
    if (at < 0) { p.textContent = text.length > 200 ? text.slice(0, 200) + "…" : text; return p; }
    var start = Math.max(0, at - 80), end = Math.min(text.length, at + length + 120);
    p.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + length);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(at + length, end) + (end < text.length ? "…" : "")));
    return p;
  }

  function formatDate(iso) {
    if (!iso) return "";
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    var parts = iso.split("-");
    return Number(parts[2]) + " " + months[Number(parts[1]) - 1] + " " + parts[0];
  }

  function render(container, query, results) {
    container.textContent = "";
    if (!query.trim()) return;
    var heading = document.createElement("h2");
    heading.className = "heading-m";
    heading.textContent = results.length + (results.length === 1 ? " result" : " results") + " for \u201C" + query.trim() + "\u201D";
    container.appendChild(heading);
    var list = document.createElement("ol");
    list.className = "search-results__list";
    results.slice(0, 50).forEach(function (result) {
      var doc = result.doc;
      var item = document.createElement("li");
      item.className = "search-result";
      var title = document.createElement("h3");
      title.className = "heading-s search-result__title";
      var link = document.createElement("a");
      link.href = doc[1];
      link.textContent = doc[0];
      title.appendChild(link);
      item.appendChild(title);
      var meta = document.createElement("p");
      meta.className = "search-result__meta";
      meta.textContent = doc[2] + (doc[3] ? " \u00B7 " + formatDate(doc[3]) : "");
      item.appendChild(meta);
      item.appendChild(snippet(doc[4], result.tokens));
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-search-index]");
    var container = document.getElementById("search-results");
    if (!form || !container) return;
    var input = form.querySelector("input[name=q]");
    var index = null, pending = null;
    function run() {
      var query = input.value;
      if (index) render(container, query, index.search(query));
    }
    fetch(form.getAttribute("data-search-index")).then(function (r) { return r.json(); }).then(function (raw) {
      index = new Index(raw);
      window.reportsiteSearch = index;  // for the browser test and the benchmark
      run();
    });
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) input.value = initial;
    input.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        run();
        var url = new URL(window.location.href);
        if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
        history.replaceState(null, "", url);
      }, 60);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  });
})();
