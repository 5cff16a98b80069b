/* Our own few lines, no library: the chronology filters. Without JavaScript the form stays
   hidden and every event is shown. Filters live in the query string (?topics=…) so a
   filtered view can be shared, and change without reloading the page. */
(function () {
  "use strict";

  function eventOf(item) {
    var links = item.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var match = /\/evenements\/([a-z0-9-]+)\/$/.exec(links[i].pathname);
      if (match) return match[1];
    }
    return null;
  }

  function setUp(form) {
    var svg = document.querySelector("svg.frise");
    if (!svg) return;
    var marks = {};
    Array.prototype.forEach.call(svg.querySelectorAll("a[data-event]"), function (a) {
      marks[a.getAttribute("data-event")] = a;
    });
    var article = form.closest("article") || document;
    var items = [];
    Array.prototype.forEach.call(article.querySelectorAll("li"), function (li) {
      var id = eventOf(li);
      if (id && marks[id] && !form.contains(li)) items.push({ li: li, id: id });
    });
    var selects = form.querySelectorAll("select[data-facet]");
    var count = form.querySelector("output");

    function apply(updateUrl) {
      var wanted = [];
      Array.prototype.forEach.call(selects, function (s) {
        if (s.value) wanted.push([s.getAttribute("data-facet"), s.value]);
      });
      var shown = 0;
      Object.keys(marks).forEach(function (id) {
        var a = marks[id];
        var ok = wanted.every(function (w) {
          return (a.getAttribute("data-" + w[0]) || "").split(" ").indexOf(w[1]) !== -1;
        });
        a.classList.toggle("frise-masque", !ok);
        if (ok) { a.removeAttribute("tabindex"); shown++; } else { a.setAttribute("tabindex", "-1"); }
      });
      items.forEach(function (item) {
        item.li.classList.toggle("frise-masque", marks[item.id].classList.contains("frise-masque"));
      });
      // A year heading goes when none of its events is left.
      Array.prototype.forEach.call(article.querySelectorAll("h2"), function (h) {
        var list = h.nextElementSibling;
        if (!list || list.tagName !== "UL" || !eventOf(list)) return;
        var visible = list.querySelectorAll("li:not(.frise-masque)").length;
        h.classList.toggle("frise-masque", visible === 0);
      });
      count.textContent = shown + (shown > 1 ? " événements" : " événement") +
        (wanted.length ? " sur " + count.getAttribute("data-total") : "");
      if (updateUrl && window.history && window.history.replaceState) {
        var params = new URLSearchParams();
        wanted.forEach(function (w) { params.set(w[0], w[1]); });
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(selects, function (s) {
      var value = params.get(s.getAttribute("data-facet"));
      if (value && s.querySelector('option[value="' + CSS.escape(value) + '"]')) s.value = value;
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  function start() {
    var form = document.querySelector("form.frise-filtres");
    if (form) setUp(form);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
