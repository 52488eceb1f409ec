// Filter and sort every review on /reviews/ (and its later pages, /reviews/page/2/, ...).
//
// Progressive enhancement: without JavaScript the list is complete across its pages, a hundred
// reviews to a page, newest first. This script shows the filter form the build rendered (hidden
// until now) and turns the column headings into sort buttons. The first time a reader filters or
// sorts, it fetches the list's index of every review (reviews/index.json, written by
// casebook/pages/browse.py) and from then on lists the reviews that match from it, a hundred at
// a time, across the whole library rather than the page in view. The filters and the order are
// kept in the address (/reviews/?theme=joint-meetings&sort=title), so that a filtered list can be
// shared: opening such an address fetches the index at once and shows the list filtered.
(function () {
  "use strict";

  var table = document.querySelector("table[data-cb-reviews]");
  var panel = document.querySelector("[data-cb-list-filters]");
  var form = document.querySelector("form[data-cb-table-filters]");
  var status = document.querySelector("[data-cb-table-count]");
  if (!table || !panel || !form || !status || !window.fetch || !window.URLSearchParams) return;
  var tbody = table.tBodies[0];
  var pages = document.querySelector("[data-cb-pages]");
  var more = document.querySelector("[data-cb-more]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var facetKeys = selects.map(function (s) { return s.getAttribute("data-facet"); });
  var titleBox = form.querySelector("[data-filter-title]");
  var sortSelect = form.querySelector("[data-sort-select]");
  var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var root = table.getAttribute("data-root");
  // The list's own address: a filtered list is the whole library's, whichever page it started from.
  var listPath = new URL(table.getAttribute("data-list"), location.href).pathname;
  var indexUrl = new URL(table.getAttribute("data-index"), location.href).href;
  var total = parseInt(status.getAttribute("data-total"), 10) || 0;
  // This page as the build made it, shown again when the filters are cleared.
  var builtRows = Array.prototype.slice.call(tbody.rows);
  var builtStatus = status.textContent;
  var builtPath = location.pathname;
  var PAGE = 100;
  var DEFAULT_SORT = "published:descending";

  var reviews = null; // every review, once the index is loaded
  var loading = null;
  var limit = PAGE;

  // -- the index ------------------------------------------------------------------------------

  function readIndex(data) {
    var col = {};
    data.columns.forEach(function (name, i) { col[name] = i; });
    var themes = data.theme;
    // A review counts under every broader theme of its themes, as in casebook.library.facets.
    function withBroader(own) {
      var out = [];
      own.forEach(function (i) {
        for (var t = i; t !== -1 && out.indexOf(themes[t][0]) === -1; t = themes[t][2]) out.push(themes[t][0]);
      });
      return out;
    }
    return data.reviews.map(function (r, order) {
      var published = r[col.published];
      var type = data.type[r[col.type]], nation = data.nation[r[col.nation]];
      return {
        order: order,
        slug: r[col.slug],
        title: r[col.title],
        published: published,
        publishedLabel: r[col.published_label],
        typeLabel: type[1],
        nationLabel: nation[1],
        themes: r[col.themes].map(function (i) { return themes[i]; }),
        // The facet values, keyed as the filters are (casebook.library.facets.review_facets).
        values: {
          theme: withBroader(r[col.themes]),
          type: [type[0]],
          nation: [nation[0]],
          outcome: [data.outcome[r[col.outcome]][0]],
          agency: r[col.agencies].length ? r[col.agencies].map(function (i) { return data.agency[i][0]; }) : ["not-stated"],
          year: [published ? published.slice(0, 4) : "not-stated"],
        },
        sortKeys: {
          title: r[col.title].toLowerCase(),
          type: type[1].toLowerCase(),
          nation: nation[1].toLowerCase(),
          published: published,
        },
      };
    });
  }

  function load() {
    if (!loading) {
      loading = fetch(indexUrl, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("reviews/index.json: " + response.status);
          return response.json();
        })
        .then(function (data) { reviews = readIndex(data); });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // -- what the reader chose --------------------------------------------------------------------

  function chosen() {
    var choice = {};
    selects.forEach(function (select) {
      if (select.value) choice[select.getAttribute("data-facet")] = select.value;
    });
    var parts = sortSelect.value.split(":");
    return { choice: choice, title: titleBox.value.trim(), sort: parts[0], order: parts[1] };
  }

  function isBuiltOrder(state) {
    return !Object.keys(state.choice).length && !state.title && state.sort + ":" + state.order === DEFAULT_SORT;
  }

  function defaultOrder(key) {
    return key === "published" ? "descending" : "ascending";
  }

  function saveInAddress(state) {
    var params = new URLSearchParams();
    facetKeys.forEach(function (key) { if (state.choice[key]) params.set(key, state.choice[key]); });
    if (state.title) params.set("title", state.title);
    if (state.sort + ":" + state.order !== DEFAULT_SORT) {
      params.set("sort", state.sort);
      if (state.order !== defaultOrder(state.sort)) params.set("order", state.order);
    }
    var query = params.toString();
    var path = isBuiltOrder(state) ? builtPath : listPath;
    history.replaceState(null, "", path + (query ? "?" + query : "") + location.hash);
  }

  function restoreFromAddress() {
    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.getAttribute("data-facet")) || "";
      select.value = wanted;
      if (select.value !== wanted) select.value = ""; // a value this library does not have
    });
    titleBox.value = params.get("title") || "";
    var sort = params.get("sort") || "published";
    var value = sort + ":" + (params.get("order") || defaultOrder(sort));
    sortSelect.value = value;
    if (sortSelect.value !== value) sortSelect.value = DEFAULT_SORT;
    return !isBuiltOrder(chosen());
  }

  // -- showing the list -------------------------------------------------------------------------

  function matches(review, state, skip) {
    for (var key in state.choice) {
      if (key !== skip && review.values[key].indexOf(state.choice[key]) === -1) return false;
    }
    return !state.title || review.sortKeys.title.indexOf(state.title.toLowerCase()) !== -1;
  }

  function compare(key, order) {
    var sign = order === "ascending" ? 1 : -1;
    return function (a, b) {
      var x = a.sortKeys[key], y = b.sortKeys[key];
      // Reviews with no stated date go last whichever way dates are sorted.
      if (key === "published" && (!x || !y) && x !== y) return x ? -1 : 1;
      if (x < y) return -sign;
      if (x > y) return sign;
      return a.order - b.order;
    };
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  // The same row as the build writes (casebook/pages/browse.py _row).
  function row(review) {
    var tr = document.createElement("tr");
    var cells = [0, 1, 2, 3, 4].map(function () { return tr.appendChild(document.createElement("td")); });
    cells[0].appendChild(link(root + "reviews/" + review.slug + "/", review.title));
    cells[1].textContent = review.typeLabel;
    cells[2].textContent = review.nationLabel;
    cells[3].textContent = review.publishedLabel;
    review.themes.forEach(function (theme, i) {
      if (i) cells[4].appendChild(document.createTextNode(", "));
      cells[4].appendChild(link(root + "themes/" + theme[0] + "/", theme[1]));
    });
    return tr;
  }

  function plural(n) {
    return n.toLocaleString("en-GB") + (n === 1 ? " review" : " reviews");
  }

  function setCounts(state) {
    // An option's count: the reviews shown if it were chosen instead of the current choice.
    selects.forEach(function (select) {
      var key = select.getAttribute("data-facet");
      var counts = {};
      reviews.forEach(function (review) {
        if (!matches(review, state, key)) return;
        review.values[key].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        option.textContent = option.getAttribute("data-label") + " (" + (counts[option.value] || 0).toLocaleString("en-GB") + ")";
      });
    });
  }

  function showSortInHeadings(state) {
    headings.forEach(function (th) {
      if (!th.hasAttribute("data-sort")) return;
      if (th.getAttribute("data-sort") === state.sort) th.setAttribute("aria-sort", state.order);
      else th.removeAttribute("aria-sort");
    });
  }

  function showBuiltPage() {
    tbody.replaceChildren.apply(tbody, builtRows);
    if (pages) pages.hidden = false;
    more.hidden = true;
    status.textContent = builtStatus;
  }

  function showMatches(state, keepLimit) {
    var found = reviews.filter(function (review) { return matches(review, state, null); });
    found.sort(compare(state.sort, state.order));
    if (!keepLimit) limit = PAGE;
    var fragment = document.createDocumentFragment();
    found.slice(0, limit).forEach(function (review) { fragment.appendChild(row(review)); });
    tbody.replaceChildren(fragment);
    // The build's pages list the library newest first: they do not page a filtered or sorted list.
    if (pages) pages.hidden = true;
    more.hidden = found.length <= limit;
    more.textContent = "Show more reviews (" + Math.min(PAGE, found.length - limit).toLocaleString("en-GB") +
      " of " + (found.length - limit).toLocaleString("en-GB") + " more)";
    var filtered = found.length !== total;
    status.textContent = (filtered
      ? "Showing " + plural(found.length) + " of " + total.toLocaleString("en-GB") + "."
      : "The library holds " + plural(total) + ".") +
      (state.sort + ":" + state.order === DEFAULT_SORT ? "" : " " + sortSelect.selectedOptions[0].textContent + ".");
  }

  function apply(keepLimit) {
    var state = chosen();
    saveInAddress(state);
    showSortInHeadings(state);
    if (isBuiltOrder(state) && !reviews) {
      showBuiltPage();
      return Promise.resolve();
    }
    if (!reviews) status.textContent = "Loading every review…";
    return load().then(function () {
      var now = chosen();
      if (JSON.stringify(now) !== JSON.stringify(state)) return; // the reader has moved on
      setCounts(state);
      if (isBuiltOrder(state)) showBuiltPage();
      else showMatches(state, keepLimit);
    }).catch(function (error) {
      status.textContent = "The list could not be filtered. Every review is still listed on these pages, newest first.";
      if (window.console) console.error(error);
    });
  }

  // -- sorting from the column headings ---------------------------------------------------------

  headings.forEach(function (th) {
    var key = th.getAttribute("data-sort");
    if (!key) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cb-sort";
    button.textContent = th.textContent;
    button.addEventListener("click", function () {
      var state = chosen();
      var order = state.sort === key
        ? (state.order === "ascending" ? "descending" : "ascending")
        : defaultOrder(key);
      sortSelect.value = key + ":" + order;
      apply();
    });
    th.textContent = "";
    th.appendChild(button);
  });

  form.addEventListener("change", function () { apply(); });
  titleBox.addEventListener("input", function () { apply(); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  more.addEventListener("click", function () {
    limit += PAGE;
    apply(true);
  });
  panel.hidden = false;
  // Open on a wide screen; on a phone closed, unless the address chose filters (then they show).
  var chose = restoreFromAddress();
  panel.open = chose || window.matchMedia("(min-width: 60em)").matches;
  if (chose) apply();
  else showSortInHeadings(chosen());
})();
