/* Citation previews: a "[n]" shows its source (title, outlet and label, date) on hover, on
   keyboard focus and on a first tap, from the page's own "Sources" list (nothing fetched).
   Without JavaScript the link simply opens the source's page. */
(function () {
  "use strict";
  var REF = /^\[\d+\]$/;
  var GAP = 8;

  function setUp() {
    var list = document.querySelector(".md-content .dossier-sources");
    if (!list) return;
    var items = {};
    Array.prototype.forEach.call(list.querySelectorAll("li"), function (li) {
      var first = li.querySelector("a[href]");
      if (first) items[first.href] = li;
    });
    var tips = {};
    var count = 0;
    var open = null; // { link, tip }
    var hideTimer = null;
    var touchedOpen = false;
    var lastPointer = "";

    function tipFor(href) {
      if (tips[href]) return tips[href];
      var li = items[href];
      count += 1;
      var tip = document.createElement("div");
      tip.id = "apercu-source-" + count;
      tip.className = "md-typeset apercu-source";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      // The title on a line of its own, then who published it, under which label, and when.
      var head = document.createElement("p");
      head.className = "apercu-source__titre";
      var meta = document.createElement("p");
      meta.className = "apercu-source__meta";
      var titled = false;
      Array.prototype.forEach.call(li.childNodes, function (n) {
        var copy = n.cloneNode(true);
        if (!titled && n.nodeType === 1 && n.tagName === "A") {
          head.appendChild(copy);
          titled = true;
          return;
        }
        if (titled && !meta.firstChild && copy.nodeType === 3) copy.textContent = copy.textContent.replace(/^\s*—\s*/, "");
        (titled ? meta : head).appendChild(copy);
      });
      tip.appendChild(head);
      if (meta.textContent.trim()) tip.appendChild(meta);
      Array.prototype.forEach.call(tip.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
      // The citation itself is the way in from the keyboard; the copies are for the pointer.
      Array.prototype.forEach.call(tip.querySelectorAll("a"), function (a) { a.setAttribute("tabindex", "-1"); });
      var more = document.createElement("p");
      more.className = "apercu-source__fiche";
      var link = document.createElement("a");
      link.href = href;
      link.setAttribute("tabindex", "-1");
      link.textContent = "Voir la fiche de la source";
      more.appendChild(link);
      tip.appendChild(more);
      tip.addEventListener("mouseenter", function () { window.clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", function () { hideSoon(); });
      (document.querySelector("main") || document.body).appendChild(tip);
      tips[href] = tip;
      return tip;
    }

    function place(link, tip) {
      var width = document.documentElement.clientWidth;
      var height = document.documentElement.clientHeight;
      var box = link.getBoundingClientRect();
      tip.style.left = "0px";
      tip.style.top = "0px";
      var own = tip.getBoundingClientRect();
      own = { width: own.width, height: own.height };
      var left = Math.max(GAP, Math.min(box.left, width - own.width - GAP));
      var top = box.bottom + 6;
      if (top + own.height > height - GAP && box.top - own.height - 6 >= GAP) top = box.top - own.height - 6;
      // Absolute within its containing block (inside <main>, so it stays in a landmark).
      var origin = (tip.offsetParent || document.body).getBoundingClientRect();
      tip.style.left = left - origin.left + "px";
      tip.style.top = top - origin.top + "px";
    }

    function show(link) {
      window.clearTimeout(hideTimer);
      if (open && open.link === link) return;
      hide();
      var tip = tipFor(link.href);
      tip.hidden = false;
      place(link, tip);
      open = { link: link, tip: tip };
    }

    function hide() {
      window.clearTimeout(hideTimer);
      if (!open) return;
      open.tip.hidden = true;
      open = null;
    }

    function hideSoon() {
      window.clearTimeout(hideTimer);
      hideTimer = window.setTimeout(hide, 250);
    }

    var article = document.querySelector(".md-content") || document.body;
    Array.prototype.forEach.call(article.querySelectorAll("a[href]"), function (a) {
      if (!REF.test(a.textContent.trim()) || !items[a.href] || list.contains(a)) return;
      a.classList.add("renvoi");
      a.setAttribute("aria-describedby", tipFor(a.href).id);
      a.addEventListener("pointerdown", function (e) {
        lastPointer = e.pointerType;
        touchedOpen = !!open && open.link === a;
      });
      a.addEventListener("mouseenter", function () { if (lastPointer !== "touch") show(a); });
      a.addEventListener("mouseleave", function () { if (lastPointer !== "touch") hideSoon(); });
      a.addEventListener("focus", function () { show(a); });
      a.addEventListener("blur", function () { if (lastPointer !== "touch") hideSoon(); });
      a.addEventListener("click", function (e) {
        // A first tap shows the preview; a second tap, or the link in the preview, opens the page.
        if (lastPointer === "touch" && !touchedOpen) {
          e.preventDefault();
          show(a);
        }
        lastPointer = "";
      });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && open) hide();
    });
    document.addEventListener("pointerdown", function (e) {
      if (open && !open.tip.contains(e.target) && !open.link.contains(e.target)) hide();
    });
    window.addEventListener("resize", function () { if (open) place(open.link, open.tip); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

/* Long lists (sources, events, declarations): a filter box and a sort order, over the list the
   page already shows. Without JavaScript the whole list is there, in date order. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[’']/g, " ").toLowerCase();
  }

  function setUp(box, index) {
    var what = box.getAttribute("data-liste") || "éléments";
    var one = box.getAttribute("data-liste-un") || what;
    var table = box.querySelector("table");
    var parent = table ? table.tBodies[0] : box.querySelector("ul, ol");
    if (!parent) return;
    var column = parseInt(box.getAttribute("data-colonne-titre") || "0", 10);
    var rows = Array.prototype.map.call(parent.children, function (el, i) {
      var time = el.querySelector("time[datetime]");
      var title = column ? el.children[column - 1] : el.querySelector("a");
      return {
        el: el,
        rank: i,
        date: time ? time.getAttribute("datetime") : "",
        title: fold(title ? title.textContent : el.textContent).trim(),
        text: fold(el.textContent)
      };
    });
    var id = "liste-" + index;
    var form = document.createElement("form");
    form.className = "liste-outils";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filtrer et trier les " + what);
    form.innerHTML =
      '<span class="liste-outils__champ"><label for="' + id + '-q">Filtrer</label>' +
      '<input type="search" id="' + id + '-q" autocomplete="off" spellcheck="false"></span>' +
      '<span class="liste-outils__champ"><label for="' + id + '-tri">Trier</label>' +
      '<select id="' + id + '-tri">' +
      '<option value="date">date, du plus ancien au plus récent</option>' +
      '<option value="-date">date, du plus récent au plus ancien</option>' +
      '<option value="titre">' + (column ? "titre" : "auteur") + ", de A à Z</option>" +
      "</select></span>" +
      '<p class="liste-outils__compte" aria-live="polite" aria-atomic="true"></p>';
    var input = form.querySelector("input");
    input.setAttribute("placeholder", "un nom, un mot, une année…");
    var order = form.querySelector("select");
    var status = form.querySelector("p");
    var total = rows.length;

    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var ok = words.every(function (w) { return row.text.indexOf(w) !== -1; });
        row.el.hidden = !ok;
        if (ok) shown++;
      });
      var noun = shown > 1 || (!words.length && total > 1) ? what : one;
      status.textContent = words.length ? shown + " " + noun + " sur " + total : total + " " + noun;
    }

    function sort() {
      var key = order.value;
      var sorted = rows.slice().sort(function (a, b) {
        if (key === "titre") return a.title.localeCompare(b.title, "fr") || a.rank - b.rank;
        // Undated entries stay at the end whichever way dates run.
        if (!a.date !== !b.date) return a.date ? -1 : 1;
        if (a.date !== b.date) return (a.date < b.date ? -1 : 1) * (key === "-date" ? -1 : 1);
        return a.rank - b.rank;
      });
      sorted.forEach(function (row) { parent.appendChild(row.el); });
    }

    input.addEventListener("input", apply);
    order.addEventListener("change", sort);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    box.insertBefore(form, box.firstChild);
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-content .liste-triable"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

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
