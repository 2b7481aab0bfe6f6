/* Client-side search over every What and file title.
 * The index (search-index.js) defines window.ABI_INDEX; it is loaded on
 * first use with a <script> tag, so the site works from file:// too.
 * Results are built with textContent only. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!input || !list) return;
  var loading = false, pending = null, active = -1, MAX = 60;

  function load(then) {
    if (window.ABI_INDEX) { then(); return; }
    pending = then;  /* the latest request runs once the index is in */
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = function () { loading = false; if (pending) { var p = pending; pending = null; p(); } };
    document.head.appendChild(s);
  }

  function clear() { list.textContent = ""; list.hidden = true; active = -1; }

  function run() {
    var q = input.value.trim().toLowerCase();
    if (!q) { clear(); return; }
    var terms = q.split(/\s+/), idx = window.ABI_INDEX, files = idx.files, out = [];
    for (var i = 0; i < idx.whats.length && out.length < MAX; i++) {
      var w = idx.whats[i], f = files[w[1]], hay = (w[0] + " " + f[0]).toLowerCase(), ok = true;
      for (var t = 0; t < terms.length; t++) { if (hay.indexOf(terms[t]) < 0) { ok = false; break; } }
      if (ok) out.push([w[0], f[0] + " (" + f[2] + ")", f[1] + "#" + w[2]]);
    }
    if (out.length < MAX) {
      for (var j = 0; j < files.length && out.length < MAX; j++) {
        var name = files[j][0].toLowerCase(), all = true;
        for (var u = 0; u < terms.length; u++) { if (name.indexOf(terms[u]) < 0) { all = false; break; } }
        if (all) out.push([files[j][0], "file (" + files[j][2] + ")", files[j][1]]);
      }
    }
    list.textContent = "";
    active = -1;
    if (!out.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "No matches";
      list.appendChild(none);
    }
    out.forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a"), small = document.createElement("span");
      a.href = root + r[2];
      a.textContent = r[0];
      small.className = "file";
      small.textContent = r[1];
      a.appendChild(small);
      a.addEventListener("click", clear);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  function move(d) {
    var items = list.querySelectorAll("li a");
    if (!items.length) return;
    active = (active + d + items.length) % items.length;
    items[active].focus();
  }

  input.addEventListener("input", function () { load(run); });
  input.addEventListener("focus", function () { load(run); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); move(1); }
    else if (ev.key === "Enter") {
      var first = list.querySelector("li a");
      if (first) { ev.preventDefault(); first.click(); window.location.href = first.href; }
    } else if (ev.key === "Escape") { clear(); }
  });
  list.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); move(1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); move(-1); }
    else if (ev.key === "Escape") { clear(); input.focus(); }
  });
  document.addEventListener("click", function (ev) {
    if (!list.contains(ev.target) && ev.target !== input) clear();
  });
})();
