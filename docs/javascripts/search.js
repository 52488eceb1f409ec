// Search reviews on /search/ with Pagefind, filtered by the facets the page lists.
//
// Progressive enhancement: the page is rendered by the build (casebook/browse.py) with the facet
// values and their counts over the whole library, hidden, and a message pointing to the review
// table. This script shows the facets, loads Pagefind's bundle from the site itself once there is
// something to search, and keeps the query and the chosen filters in the address
// (?q=...&theme=...) so that a search can be shared.
//
// Filters: values of one facet are alternatives (any of them), facets combine (all of them).
// Each facet's counts are computed without that facet's own choice, so they say how many
// reviews ticking that value would give, as shops and catalogues do. The counts need Pagefind's
// filter index, loaded only once the reader opens the filters (or a link has chosen some): a
// plain search then downloads far less.
(function () {
  "use strict";

  var form = document.querySelector("[data-cb-search]");
  if (!form) return;
  var input = form.querySelector("#cb-search-q");
  var facetsBox = form.querySelector("[data-cb-facets]");
  var status = form.querySelector("[data-cb-status]");
  var list = form.querySelector("[data-cb-results]");
  var more = form.querySelector("[data-cb-more]");
  // Each result shown loads that review's fragment (about 4 KB), so results come five at a time,
  // as in Pagefind's own interface: "Show more results" loads the next five.
  var PAGE = 5;
  var facetKeys = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (f) {
    return f.getAttribute("data-facet");
  });
  var pagefind = null;
  var totals = null; // the library's counts per facet value, once the filter index is loaded
  var libraryTotal = parseInt(form.getAttribute("data-total"), 10) || 0;
  var latest = 0;
  var shown = [];
  var shownCount = 0;

  function chosen() {
    var out = {};
    facetKeys.forEach(function (key) {
      var values = Array.prototype.map.call(
        form.querySelectorAll('fieldset[data-facet="' + key + '"] input:checked'),
        function (box) { return box.value; }
      );
      if (values.length) out[key] = values;
    });
    return out;
  }

  function pagefindFilters(selection, without) {
    var out = {};
    Object.keys(selection).forEach(function (key) {
      if (key !== without) out[key] = { any: selection[key] };
    });
    return out;
  }

  function plural(n, word) {
    return n.toLocaleString("en-GB") + " " + word + (n === 1 ? "" : "s");
  }

  function setCounts(key, counts) {
    // Narrower themes are a list inside their broader theme's item: each item's own box and count.
    form.querySelectorAll('fieldset[data-facet="' + key + '"] li').forEach(function (li) {
      var box = li.querySelector(":scope > input");
      var n = (counts && counts[box.value]) || 0;
      li.querySelector(":scope > label [data-count]").textContent = "(" + n.toLocaleString("en-GB") + ")";
      li.classList.toggle("cb-facet__value--none", n === 0 && !box.checked);
    });
  }

  function saveInAddress(term, selection) {
    var params = new URLSearchParams();
    if (term) params.set("q", term);
    Object.keys(selection).forEach(function (key) {
      selection[key].forEach(function (value) { params.append(key, value); });
    });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  function restoreFromAddress() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    facetKeys.forEach(function (key) {
      var wanted = params.getAll(key);
      form.querySelectorAll('fieldset[data-facet="' + key + '"] input').forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
  }

  // Pagefind's excerpt is HTML with <mark> around the matched words. Only text and <mark> are
  // kept, so nothing from an indexed page can become markup here.
  function excerptNodes(excerpt) {
    var doc = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html");
    var out = document.createDocumentFragment();
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  // The parts of a review a result can land on: Pagefind's sections of the page, one per heading
  // with an id (the summary, #summary; a learning point, #learning-N; #recommendations), each
  // with the words it matched. Not shown: the part before the first heading (the title, which the
  // result's own link shows) and the section of the body's words and the themes' other names,
  // which is searched but is no text of the page (casebook/search/record.py TERMS_ID).
  var TERMS = "#cb-search-terms";

  function matchedWords(data, section) {
    var words = (data.raw_content || data.content || "").split(/\s+/);
    var seen = {};
    section.locations.forEach(function (at) {
      var word = (words[at] || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
      if (word) seen[word] = true;
    });
    return Object.keys(seen).length;
  }

  function bestParts(data, most) {
    var parts = (data.sub_results || []).filter(function (section) {
      // Nor a heading with nothing under it that matched ("Key learning" above its points).
      return section.anchor && section.url.slice(-TERMS.length) !== TERMS && withoutHeading(section);
    }).map(function (section, order) {
      return {
        section: section,
        order: order,
        words: matchedWords(data, section),
        score: section.weighted_locations.reduce(function (sum, l) { return sum + l.balanced_score; }, 0),
      };
    });
    // The part that matched the most of the words searched for, then the most strongly; then the first.
    parts.sort(function (a, b) { return (b.words - a.words) || (b.score - a.score) || (a.order - b.order); });
    return parts.slice(0, most).map(function (part) { return part.section; });
  }

  function withoutHeading(section) {
    var excerpt = section.excerpt;
    var heading = (section.title || "") + ".";
    return excerpt.indexOf(heading) === 0 ? excerpt.slice(heading.length).trim() : excerpt;
  }

  // When only the body's words or the themes' other names matched, the start of the summary says
  // what the review is.
  function summaryStart(data) {
    var content = data.content || "";
    var at = content.indexOf("Summary. ");
    if (at === -1) return "";
    var words = content.slice(at + 9).split(/\s+/);
    return words.slice(0, 24).join(" ") + (words.length > 24 ? " …" : "");
  }

  function excerptParagraph(html) {
    var excerpt = document.createElement("p");
    excerpt.className = "cb-result__excerpt";
    excerpt.appendChild(excerptNodes(html));
    return excerpt;
  }

  function resultItem(data) {
    var li = document.createElement("li");
    li.className = "cb-result";
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "cb-result__meta";
    meta.textContent = [data.meta && data.meta.type, data.meta && data.meta.year].filter(Boolean).join(" · ");
    li.appendChild(heading);
    li.appendChild(meta);
    var parts = bestParts(data, 3);
    // When only the title, the body's words or the themes' other names matched, the start of the summary says what the review is.
    if (!parts.length) li.appendChild(excerptParagraph(summaryStart(data)));
    else {
      // Where in the review the words are, best first: each a link to that part of the page.
      var list = document.createElement("ul");
      list.className = "cb-result__parts";
      parts.forEach(function (section) {
        var item = document.createElement("li");
        var to = document.createElement("a");
        to.href = section.url;
        to.textContent = section.title;
        item.appendChild(to);
        item.appendChild(document.createTextNode(": "));
        var excerpt = document.createElement("span");
        excerpt.className = "cb-result__excerpt";
        excerpt.appendChild(excerptNodes(withoutHeading(section)));
        item.appendChild(excerpt);
        list.appendChild(item);
      });
      li.appendChild(list);
    }
    return li;
  }

  async function showMore(run) {
    var next = shown.slice(shownCount, shownCount + PAGE);
    var datas = await Promise.all(next.map(function (r) { return r.data(); }));
    if (run !== latest) return;
    datas.forEach(function (data) { list.appendChild(resultItem(data)); });
    shownCount += next.length;
    more.hidden = shownCount >= shown.length;
  }

  // Words that nearly every review has narrow nothing, and a search downloads each word's part of
  // the index: at 5,000 reviews "of" and "the" added 480 KB to "voice of the child". They are left
  // out of what is looked up when other words remain (Pagefind matches words, not phrases).
  var COMMON = ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of",
    "on", "or", "that", "the", "this", "to", "was", "with"];

  function wordsToLookUp(term) {
    if (term.indexOf('"') !== -1) return term;
    var words = term.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (w) { return COMMON.indexOf(w.toLowerCase()) === -1; });
    return (kept.length ? kept : words).join(" ");
  }

  async function run() {
    var run = ++latest;
    var term = input.value.trim();
    var selection = chosen();
    saveInAddress(term, selection);
    var filtering = Object.keys(selection).length > 0;
    if (term || filtering) await loadPagefind();
    if (filtering) await loadFilters();
    if (run !== latest) return;
    if (!term && !filtering) {
      if (totals) facetKeys.forEach(function (key) { setCounts(key, totals[key]); });
      list.replaceChildren();
      more.hidden = true;
      shown = [];
      status.textContent = "Type words to search for, or choose filters. " +
        plural(libraryTotal, "review") + " can be searched.";
      return;
    }
    var options = { filters: pagefindFilters(selection) };
    // Filters alone list reviews newest first; words rank them by relevance.
    if (!term) options.sort = { published: "desc" };
    var search = await pagefind.search(wordsToLookUp(term) || null, options);
    if (run !== latest || search === null) return;
    // A facet that has a choice is counted again without it: its values are alternatives.
    var ownCounts = await Promise.all(Object.keys(selection).map(function (key) {
      var opts = { filters: pagefindFilters(selection, key) };
      var hasOther = Object.keys(opts.filters).length > 0;
      if (!term && !hasOther) return Promise.resolve({ key: key, counts: totals[key] });
      return pagefind.search(wordsToLookUp(term) || null, opts).then(function (s) { return { key: key, counts: s.filters[key] }; });
    }));
    if (run !== latest) return;
    // Without the filter index (filters closed) Pagefind returns no counts: the closed panel
    // keeps the library's counts until it is opened.
    if (totals) facetKeys.forEach(function (key) {
      if (!selection[key]) setCounts(key, search.filters[key]);
    });
    ownCounts.forEach(function (c) { setCounts(c.key, c.counts); });
    shown = search.results;
    shownCount = 0;
    list.replaceChildren();
    await showMore(run);
    if (run !== latest) return;
    // The status changes last, once the results are on the page: it is what a screen reader announces.
    var n = shown.length;
    var what = term ? "“" + term + "”" : "the filters chosen";
    status.textContent = n === 0
      ? "No review matches " + what + "."
      : plural(n, "review") + " " + (n === 1 ? "matches " : "match ") + what + ".";
  }

  var timer = null;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(function () { run().catch(fail); }, 200);
  }

  function fail(error) {
    status.textContent = "Search could not load. Browse the table of reviews instead.";
    if (window.console) console.error(error);
  }

  async function loadFilters() {
    await loadPagefind();
    if (!totals) totals = await pagefind.filters();
  }

  // Pagefind (its script and WebAssembly, ~130 KB) is loaded when there is something to search:
  // words or filters in the address, or the reader starting to type. An empty search page loads
  // nothing more than itself.
  var loading = null;
  function loadPagefind() {
    if (!loading) {
      loading = (async function () {
        var bundle = new URL(form.getAttribute("data-pagefind-bundle"), location.href).href;
        var module = await import(bundle + "pagefind.js");
        // No web worker: it would be one more script to download (41 KB) for searches that take
        // milliseconds on the page's own thread.
        await module.options({ excerptLength: 24, noWorker: true });
        await module.init();
        pagefind = module;
      })();
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function start() {
    facetsBox.hidden = false;
    restoreFromAddress();
    if (Object.keys(chosen()).length) facetsBox.open = true;
    facetsBox.addEventListener("toggle", function () {
      if (facetsBox.open && !totals) loadFilters().then(run).catch(fail);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run().catch(fail);
    });
    // Focus on the box says a search is coming: Pagefind loads while the reader types.
    input.addEventListener("focus", function () { loadPagefind().catch(fail); });
    input.addEventListener("input", soon);
    form.addEventListener("change", function (event) {
      if (event.target.matches("fieldset[data-facet] input")) run().catch(fail);
    });
    more.addEventListener("click", function () { showMore(latest).catch(fail); });
    if (input.value.trim() || Object.keys(chosen()).length) status.textContent = "Loading search…";
    return run();
  }

  start().catch(fail);
})();
