// Sort and filter the index table in the page itself: no server, no library.
(function () {
  "use strict";
  var table = document.getElementById("articles");
  var controls = document.getElementById("controls");
  if (!table || !controls) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var type = document.getElementById("f-type");
  var outlet = document.getElementById("f-outlet");
  var text = document.getElementById("f-text");
  var shown = document.getElementById("shown");
  controls.hidden = false;

  // As html.search_key folds each title: accents dropped, curly quotes straight, lower case.
  function key(s) {
    return s.normalize("NFKD").replace(/\p{M}/gu, "")
      .replace(/[\u2018\u2019\u201b\u2032]/g, "'").replace(/[\u201c\u201d\u201e\u2033]/g, '"')
      .toLowerCase();
  }

  function filter() {
    var t = type ? type.value : "";
    var o = outlet.value;
    // "not stated": the articles without an outlet (their data-outlet is empty).
    var none = outlet.selectedOptions[0].hasAttribute("data-none");
    var s = key(text.value.trim());
    var n = 0;
    rows.forEach(function (row) {
      var ok = (!t || row.getAttribute("data-type") === t) &&
        (none ? row.getAttribute("data-outlet") === "" :
          !o || row.getAttribute("data-outlet") === o) &&
        (!s || row.getAttribute("data-title").indexOf(s) !== -1);
      row.hidden = !ok;
      if (ok) n += 1;
    });
    shown.textContent = String(n);
  }

  function sortBy(th, index) {
    var numeric = th.getAttribute("data-kind") === "num";
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var keyed = rows.map(function (row, position) {
      var v = row.cells[index].getAttribute("data-v");
      return { row: row, v: numeric ? parseFloat(v) : v, missing: v === "", position: position };
    });
    keyed.sort(function (a, b) {
      // Articles without a value go last whichever way the column is sorted.
      if (a.missing !== b.missing) return a.missing ? 1 : -1;
      var c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      if (descending) c = -c;
      return c || a.position - b.position;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
    rows = keyed.map(function (k) { return k.row; });
  }

  // The whole header cell sorts, not only its words: a click anywhere in it, or Enter or Space
  // on its button (the keyboard's way in; the button's click reaches the cell).
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    if (th.querySelector("button")) th.addEventListener("click", function () { sortBy(th, index); });
  });
  [type, outlet].forEach(function (el) { if (el) el.addEventListener("change", filter); });
  text.addEventListener("input", filter);
  controls.addEventListener("submit", function (e) { e.preventDefault(); });
})();
