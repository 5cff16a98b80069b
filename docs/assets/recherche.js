/* The dossier's search, over Pagefind's index (pagefind/ in the built site). Our own few lines:
   a dialog opened from the header or with "/", "s" or "f"; Pagefind's script is imported at the
   first query (nothing is fetched before), and loads only the index chunks and the result
   fragments that query needs (ten results at a time; the filters' lists when they are opened). Results show the record's kind and date; filters by kind, year and
   "relayé uniquement par des médias d'État". Everything comes from this site's own host. */
(function () {
  "use strict";
  var dialog = document.getElementById("dossier-recherche");
  var opener = document.querySelector(".dossier-recherche-ouvrir");
  var config = document.getElementById("__config");
  if (!dialog || !opener || !config || typeof dialog.showModal !== "function") return;

  var form = dialog.querySelector("form");
  var input = dialog.querySelector("input[type=search]");
  var status = dialog.querySelector("[role=status]");
  var list = dialog.querySelector("ol");
  var box = dialog.querySelector("fieldset");
  var toggle = dialog.querySelector(".dossier-recherche__filtrer");
  var more = dialog.querySelector(".dossier-recherche__plus");
  var selects = Array.prototype.slice.call(dialog.querySelectorAll("select[data-filtre]"));
  var stateOnly = dialog.querySelector("input[data-filtre=sources]");
  var base = new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), window.location.href);
  // Kinds in the site's order, not by count; years newest first.
  var KINDS = ["Événements", "Personnes", "Organisations", "Lieux", "Sources", "Thèmes", "Contradictions"];
  var SHOWN = 10; // results shown at once: each one's data is a fragment fetched from the index
  var loading = null;
  var filtersShown = null;
  var asked = 0;
  var timer = 0;
  var current = null; // the last answer: its query and Pagefind's results, for « Afficher plus »

  opener.hidden = false;

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", base).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: base.pathname }).then(function () { return pagefind; });
      }, function (error) {
        loading = null; // the next query tries again
        throw error;
      });
    }
    return loading;
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
  }

  opener.addEventListener("click", open);
  // A link to the search (the 404 page has one) opens the dialog instead of following its address.
  Array.prototype.forEach.call(document.querySelectorAll("a[data-ouvre-recherche]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      open();
    });
  });
  dialog.querySelector("[data-fermer]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) { // a click on the backdrop, not in the dialog's margin
    if (event.target !== dialog) return;
    var frame = dialog.getBoundingClientRect();
    var outside = event.clientX < frame.left || event.clientX > frame.right || event.clientY < frame.top || event.clientY > frame.bottom;
    if (outside) dialog.close();
  });
  dialog.addEventListener("close", function () { opener.focus(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });

  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
    }
  });

  // Échap closes; ↓ from the box to the first result, ↑ and ↓ between results, ↑ from the first back to the box.
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { // in a search box Chromium would first clear it: close at once
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (document.activeElement === input && event.key === "ArrowDown" && links.length) {
      links[0].focus();
    } else if (at >= 0) {
      (event.key === "ArrowDown" ? links[Math.min(at + 1, links.length - 1)] : at === 0 ? input : links[at - 1]).focus();
    } else {
      return;
    }
    event.preventDefault();
  });

  function chosen() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filtre")] = select.value;
    });
    if (stateOnly.checked) filters.sources = stateOnly.value;
    return filters;
  }

  function fill(select, counts, order) {
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    order(Object.keys(counts)).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value + " (" + counts[value] + ")";
      select.appendChild(option);
    });
    select.value = keep;
  }

  // The filters' lists are loaded when the reader opens them (a query needs none of it).
  function showFilters() {
    if (!filtersShown) {
      filtersShown = load().then(function (pagefind) { return pagefind.filters(); }).then(function (all) {
        selects.forEach(function (select) {
          var name = select.getAttribute("data-filtre");
          fill(select, all[name] || {}, name === "type"
            ? function (values) { return KINDS.filter(function (k) { return values.indexOf(k) >= 0; }); }
            : function (values) { return values.sort().reverse(); });
        });
        stateOnly.parentNode.hidden = !(all.sources && all.sources[stateOnly.value]);
      }, function (error) {
        filtersShown = null;
        throw error;
      });
    }
    return filtersShown;
  }

  toggle.addEventListener("click", function () {
    var opening = box.hidden;
    box.hidden = !opening;
    toggle.setAttribute("aria-expanded", String(opening));
    if (opening) {
      showFilters().then(function () { selects[0].focus(); }, function () {
        status.textContent = "Les filtres n’ont pas pu se charger. Rechargez la page.";
      });
    }
  });

  // Accents and case aside, as Pagefind matches: "Guerassimov" is "Guérassimov".
  function words(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Pagefind ranks by how often and where the words occur. A reader who types a name wants that
  // person, place, organisation or topic first (its spellings are in `noms`, aliases and search-only
  // spellings included), then the pages whose title holds the words, then those that mention
  // them; Pagefind's order is kept within each group.
  function tier(result, asked) {
    var holds = function (text) {
      var found = words(text || "");
      return asked.every(function (word) { return found.some(function (w) { return w.indexOf(word) === 0; }); });
    };
    return holds(result.meta.noms) ? 0 : holds(result.meta.title) ? 1 : 2;
  }

  function rerank(query, results) {
    var asked = words(query);
    return results
      .map(function (result, i) { return { result: result, key: [tier(result, asked), i] }; })
      .sort(function (a, b) { return a.key[0] - b.key[0] || a.key[1] - b.key[1]; })
      .map(function (entry) { return entry.result; });
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  // `text` into `into`, the words that begin like a word of the query in <mark> (text nodes only).
  function marked(into, text, asked) {
    var parts = text.split(/([^\s.,;:!?«»()"’'\-–—]+)/);
    parts.forEach(function (part, i) {
      var hit = i % 2 === 1 && asked.some(function (word) { return words(part).some(function (w) { return w.indexOf(word) === 0; }); });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        into.appendChild(mark);
      } else if (part) {
        into.appendChild(document.createTextNode(part));
      }
    });
  }

  function show(query, results, total, append) {
    var asked = words(query);
    if (!append) list.textContent = "";
    list.setAttribute("data-rendu", String(Number(list.getAttribute("data-rendu") || 0) + 1)); // for tests: a new answer
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      var kind = document.createElement("span");
      kind.className = "dossier-recherche__type";
      kind.textContent = [result.meta.kind, result.meta.date].filter(Boolean).join(" · ");
      var title = document.createElement("span");
      title.className = "dossier-recherche__nom";
      title.textContent = result.meta.title || result.url;
      link.appendChild(kind);
      link.appendChild(title);
      item.appendChild(link);
      var excerpt = document.createElement("p");
      excerpt.className = "dossier-recherche__extrait";
      if (result.meta["résumé"]) {
        marked(excerpt, result.meta["résumé"], asked); // a record: its own summary
      } else if (result.excerpt) {
        excerpt.innerHTML = result.excerpt; // a reader page: Pagefind escapes the page's text and adds only <mark>
      }
      if (excerpt.firstChild) item.appendChild(excerpt);
      list.appendChild(item);
    });
    var filtered = Object.keys(chosen()).length ? " avec ces filtres" : "";
    var shown = list.children.length;
    more.hidden = shown >= total;
    if (!total) {
      status.textContent = "Aucun résultat pour « " + query + " »" + filtered + ". Vérifiez l’orthographe, essayez un autre nom ou retirez un filtre.";
    } else {
      status.textContent = plural(total, "résultat", "résultats") + " pour « " + query + " »" + filtered
        + (total > shown ? ", les " + shown + " premiers affichés." : ".");
    }
  }

  // The next results, in Pagefind's order (the first ones were put in order among themselves).
  more.addEventListener("click", function () {
    if (!current) return;
    var mine = asked;
    var from = list.children.length;
    Promise.all(current.results.slice(from, from + SHOWN).map(function (r) { return r.data(); })).then(function (results) {
      if (mine !== asked) return;
      show(current.query, results, current.results.length, true);
      var first = list.children[from] && list.children[from].querySelector("a");
      if (first) first.focus();
    });
  });

  // A query runs 120 ms after the last key; an answer that comes after a newer query is dropped.
  function search() {
    window.clearTimeout(timer);
    var query = input.value.trim();
    var mine = ++asked;
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      current = null;
      return;
    }
    timer = window.setTimeout(function () {
      load().then(function (pagefind) {
        return pagefind.search(query, { filters: chosen() }).then(function (found) {
          if (mine !== asked) return null;
          return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (results) {
            if (mine !== asked) return;
            current = { query: query, results: found.results };
            show(query, rerank(query, results), found.results.length);
          });
        });
      }).catch(function () {
        if (mine === asked) status.textContent = "La recherche n’a pas pu se charger. Rechargez la page ou parcourez la chronologie.";
      });
    }, 120);
  }

  input.addEventListener("input", search);
  selects.forEach(function (select) { select.addEventListener("change", search); });
  stateOnly.addEventListener("change", search);
})();
