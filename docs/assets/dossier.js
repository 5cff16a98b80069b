/* Our own few lines, no library: the chronology's cards and filters. Without JavaScript the form stays
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

  /* A card per mark of the chronology, on hover and on keyboard focus: the event's title,
     its date and its sources (state media with their label), kept inside the viewport. */
  function setUpCards(svg) {
    var card = document.createElement("div");
    card.className = "frise-carte";
    card.id = "frise-carte";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    document.body.appendChild(card);
    var current = null;

    function fill(a) {
      card.textContent = "";
      var title = document.createElement("strong");
      title.textContent = a.getAttribute("data-titre");
      var date = document.createElement("span");
      date.className = "frise-carte-date";
      date.textContent = a.getAttribute("data-date");
      card.appendChild(title);
      card.appendChild(date);
      var sources = [];
      try { sources = JSON.parse(a.getAttribute("data-carte-sources") || "[]"); } catch (e) { sources = []; }
      if (sources.length) {
        var head = document.createElement("div");
        head.textContent = sources.length > 1 ? "Sources :" : "Source :";
        var list = document.createElement("ul");
        sources.forEach(function (pair) {
          var li = document.createElement("li");
          li.textContent = pair[0];
          if (pair[1]) {
            var label = document.createElement("span");
            label.className = "frise-carte-etat";
            label.textContent = " (" + pair[1] + ")";
            li.appendChild(label);
          }
          list.appendChild(li);
        });
        card.appendChild(head);
        card.appendChild(list);
      }
    }

    function show(a) {
      current = a;
      fill(a);
      card.hidden = false;
      a.setAttribute("aria-describedby", "frise-carte");
      var mark = (a.querySelector(".frise-forme") || a).getBoundingClientRect();
      var box = card.getBoundingClientRect();
      var gap = 8, width = document.documentElement.clientWidth, height = window.innerHeight;
      var left = Math.min(Math.max(gap, mark.left + mark.width / 2 - box.width / 2), width - box.width - gap);
      var top = mark.bottom + gap;
      if (top + box.height > height - gap) top = mark.top - box.height - gap;
      top = Math.min(Math.max(gap, top), height - box.height - gap);
      card.style.left = Math.max(gap, left) + "px";
      card.style.top = top + "px";
    }

    function hide() {
      if (current) current.removeAttribute("aria-describedby");
      current = null;
      card.hidden = true;
    }

    Array.prototype.forEach.call(svg.querySelectorAll("a[data-event]"), function (a) {
      a.addEventListener("mouseenter", function () { show(a); });
      a.addEventListener("mouseleave", function () { if (document.activeElement !== a) hide(); });
      a.addEventListener("focus", function () { show(a); });
      a.addEventListener("blur", hide);
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    window.addEventListener("scroll", function () { if (current && document.activeElement !== current) hide(); }, { passive: true });
  }

  function start() {
    var svg = document.querySelector("svg.frise");
    if (svg) setUpCards(svg);
    var form = document.querySelector("form.frise-filtres");
    if (form) setUp(form);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
