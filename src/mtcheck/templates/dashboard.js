/* mtcheck dashboard: filter and sort the article table in the browser, no server.
   Rows are rendered server-side; this script only hides and reorders them, using the data
   embedded as JSON. It never inserts article text as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var table = document.getElementById("articles");
  var form = document.getElementById("filters");
  var shown = document.getElementById("shown");
  if (!table || !form) return;
  var tbody = table.tBodies[0];
  var byIndex = {};
  data.forEach(function (row) { byIndex[row.i] = row; });
  var rows = Array.prototype.slice.call(tbody.querySelectorAll("tr[data-i]"));
  var sortKey = "rank", sortDir = 1;

  function matches(row, f) {
    if (f.q && row.id.toLowerCase().indexOf(f.q) < 0) return false;
    // The verdict filter reads the article's worst verdict, or the chosen language's verdict.
    if (f.verdict && !f.lang && row.verdict !== f.verdict) return false;
    var langs = f.lang ? [f.lang] : Object.keys(row.versions);
    return langs.some(function (lang) {
      var v = row.versions[lang];
      if (!v) return false;
      if (f.verdict && f.lang && v.verdict !== f.verdict) return false;
      if (f.rule && v.rules.indexOf(f.rule) < 0) return false;
      if (f.category && v.categories.indexOf(f.category) < 0) return false;
      return true;
    });
  }

  function current() {
    return {
      verdict: form.elements.verdict.value,
      lang: form.elements.lang.value,
      rule: form.elements.rule.value,
      category: form.elements.category.value,
      q: form.elements.q.value.trim().toLowerCase()
    };
  }

  function applyFilters() {
    var f = current(), visible = 0;
    rows.forEach(function (tr) {
      var ok = matches(byIndex[tr.getAttribute("data-i")], f);
      tr.hidden = !ok;
      if (ok) visible += 1;
    });
    table.querySelectorAll("[data-lang]").forEach(function (el) {
      el.hidden = !!f.lang && el.getAttribute("data-lang") !== f.lang;
    });
    shown.textContent = visible + " of " + rows.length + " articles shown";
  }

  function value(row, key) {
    if (key === "rank") return row.rank;
    if (key === "id") return row.id;
    if (key === "worst") return row.worst;
    if (key === "total") return row.total;
    if (key.indexOf("lang:") === 0) {
      var v = row.versions[key.slice(5)];
      return v ? v.score : Infinity;
    }
    return 0;
  }

  function compare(a, b) {
    var x = value(byIndex[a.getAttribute("data-i")], sortKey);
    var y = value(byIndex[b.getAttribute("data-i")], sortKey);
    var c = typeof x === "string" ? x.localeCompare(y) : (x < y ? -1 : x > y ? 1 : 0);
    if (c !== 0) return c * sortDir;
    return byIndex[a.getAttribute("data-i")].rank - byIndex[b.getAttribute("data-i")].rank;
  }

  function sortBy(key, dir) {
    sortKey = key; sortDir = dir;
    rows.sort(compare);
    rows.forEach(function (tr) { tbody.appendChild(tr); });
    table.querySelectorAll("thead th[data-key]").forEach(function (th) {
      var k = th.getAttribute("data-key");
      if (k === key) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  table.querySelectorAll("thead th[data-key] button").forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.parentElement.getAttribute("data-key");
      var dir = key === sortKey ? -sortDir : (key === "total" ? -1 : 1);
      sortBy(key, dir);
    });
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("input", applyFilters);
  form.addEventListener("change", applyFilters);
  form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });
  sortKey = "worst";
  applyFilters();
})();
