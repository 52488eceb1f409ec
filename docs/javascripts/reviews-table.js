// Filter and sort the table of reviews on /reviews/.
//
// Progressive enhancement: without JavaScript the page is a complete table of every review,
// newest first. This script shows the filter form the build rendered (hidden until now), hides
// the rows that do not match, updates each option's count to what choosing it would give, and
// turns the column headings into sort buttons. Each row carries its facet values as
// space-separated slugs (data-theme, data-type, ...), broader themes included.
(function () {
  "use strict";

  var table = document.querySelector("table[data-cb-reviews]");
  var form = document.querySelector("form[data-cb-table-filters]");
  var status = document.querySelector("[data-cb-table-count]");
  if (!table || !form || !status) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var titleBox = form.querySelector("[data-filter-title]");
  var total = rows.length;

  // Each row's facet values as sets, and its sort keys, read once.
  var facts = rows.map(function (row, i) {
    var values = {};
    selects.forEach(function (select) {
      var key = select.getAttribute("data-facet");
      values[key] = (row.getAttribute("data-" + key) || "").split(" ");
    });
    return {
      row: row,
      order: i,
      values: values,
      title: row.cells[0].textContent.trim().toLowerCase(),
      type: row.cells[1].textContent.trim().toLowerCase(),
      nation: row.cells[2].textContent.trim().toLowerCase(),
      published: row.getAttribute("data-published") || "",
    };
  });

  function matches(fact, choice, title, skip) {
    for (var key in choice) {
      if (key !== skip && choice[key] && fact.values[key].indexOf(choice[key]) === -1) return false;
    }
    return !title || fact.title.indexOf(title) !== -1;
  }

  function plural(n) {
    return n.toLocaleString("en-GB") + (n === 1 ? " review" : " reviews");
  }

  function apply() {
    var choice = {};
    selects.forEach(function (select) { choice[select.getAttribute("data-facet")] = select.value; });
    var title = titleBox.value.trim().toLowerCase();
    var shown = 0;
    facts.forEach(function (fact) {
      var ok = matches(fact, choice, title, null);
      fact.row.hidden = !ok;
      if (ok) shown++;
    });
    // An option's count: the reviews shown if it were chosen instead of the current choice.
    selects.forEach(function (select) {
      var key = select.getAttribute("data-facet");
      var counts = {};
      facts.forEach(function (fact) {
        if (!matches(fact, choice, title, key)) return;
        fact.values[key].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var n = counts[option.value] || 0;
        option.textContent = option.getAttribute("data-label") + " (" + n.toLocaleString("en-GB") + ")";
      });
    });
    var filtered = shown !== total;
    status.textContent = filtered
      ? "Showing " + plural(shown) + " of " + total.toLocaleString("en-GB") + "."
      : "The library holds " + plural(total) + ".";
  }

  // Sorting: a button in each sortable heading; aria-sort tells screen readers the order.
  var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var current = { key: "published", direction: "descending" };

  function compare(key, direction) {
    var sign = direction === "ascending" ? 1 : -1;
    return function (a, b) {
      var x = a[key], y = b[key];
      // Reviews with no stated date go last whichever way dates are sorted.
      if (key === "published" && (!x || !y) && x !== y) return x ? -1 : 1;
      if (x < y) return -sign;
      if (x > y) return sign;
      return a.order - b.order;
    };
  }

  function sortBy(key) {
    var direction = current.key === key && current.direction === "ascending" ? "descending" : "ascending";
    if (current.key !== key && key === "published") direction = "descending";
    current = { key: key, direction: direction };
    facts.sort(compare(key, direction));
    var fragment = document.createDocumentFragment();
    facts.forEach(function (fact) { fragment.appendChild(fact.row); });
    tbody.appendChild(fragment);
    headings.forEach(function (th) {
      if (!th.hasAttribute("data-sort")) return;
      if (th.getAttribute("data-sort") === key) th.setAttribute("aria-sort", direction);
      else th.removeAttribute("aria-sort");
    });
  }

  headings.forEach(function (th) {
    var key = th.getAttribute("data-sort");
    if (!key) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cb-sort";
    button.textContent = th.textContent;
    button.addEventListener("click", function () { sortBy(key); });
    th.textContent = "";
    th.appendChild(button);
  });
  table.tHead.rows[0].cells[3].setAttribute("aria-sort", "descending");

  form.addEventListener("change", apply);
  titleBox.addEventListener("input", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
