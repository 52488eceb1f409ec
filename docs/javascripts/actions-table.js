// Filter the table of recommendations on /actions/.
//
// Progressive enhancement: without JavaScript the page is the counts and a complete table of every
// recommendation. This script shows the filter form the build rendered (hidden until now) and hides
// the rows that do not match. Each row carries what it is filtered by as data- attributes
// (data-status, data-owner, data-publisher, data-overdue). The choice goes into the address
// (?status=open&overdue=yes), so that a filtered list can be shared.
(function () {
  "use strict";

  var table = document.querySelector("table[data-cb-actions]");
  var form = document.querySelector("form[data-cb-actions-filters]");
  var status = document.querySelector("[data-cb-actions-count]");
  if (!table || !form || !status) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var overdue = form.querySelector("[data-filter-overdue]");
  var total = rows.length;

  function plural(n) {
    return n.toLocaleString("en-GB") + (n === 1 ? " recommendation" : " recommendations");
  }

  function apply() {
    var shown = 0;
    var params = new URLSearchParams();
    selects.forEach(function (select) {
      if (select.value) params.set(select.getAttribute("data-filter"), select.value);
    });
    if (overdue.checked) params.set("overdue", "yes");
    rows.forEach(function (row) {
      var ok = true;
      params.forEach(function (value, key) {
        if (row.getAttribute("data-" + key) !== value) ok = false;
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    status.textContent = shown === total
      ? plural(total) + ", newest review first."
      : "Showing " + plural(shown) + " of " + total.toLocaleString("en-GB") + ".";
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  // Filters chosen in the address (a shared link) are applied as the page opens.
  var chosen = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var value = chosen.get(select.getAttribute("data-filter"));
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
  });
  overdue.checked = chosen.get("overdue") === "yes";

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
