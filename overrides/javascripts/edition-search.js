/* Edition search: the header search box over the Pagefind index (site/pagefind/).
 *
 * - Pagefind (pagefind.js, its worker, wasm and index chunks) is loaded on first
 *   focus of the box, so pages that are only read download none of it.
 * - One Pagefind instance per indexed language (Vietnamese and English pages are
 *   indexed with their own rules), queried together; results are merged.
 * - Results are paragraphs (#p-N) and footnotes, grouped by page, in Material's
 *   result markup. Paragraphs whose words match the query with the exact
 *   diacritics rank first; highlighting folds diacritics and đ so the reader sees
 *   what matched whatever they typed.
 * - Keyboard: "/" or "s" opens, arrows move through results, Escape closes.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-edition-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector("input[name=query]");
  var form = root.querySelector("form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var text = function (name) { return root.getAttribute("data-text-" + name) || ""; };
  var FOLD_SPAN = /\u27e6[^\u27e7]*\u27e7?|^[^\u27e6]*\u27e7/g;  // words added for indexing only
  var MAX_PAGES = 10;         // result pages shown
  var MAX_PASSAGES = 5;       // paragraphs shown per page
  var DEBOUNCE_MS = 150;
  var engine = null;          // Promise of [instances]
  var searchId = 0;
  var timer = null;

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  function exactKey(word) {
    return word.normalize("NFC").toLowerCase();
  }

  function words(value) {
    return value.split(/[\s\u00a0]+/).map(bare).filter(Boolean);
  }

  function pagefindBase() {
    return new URL(root.getAttribute("data-pagefind"), document.baseURI);
  }

  function createInstance(module, language, base) {
    // Pagefind takes an instance's language from <html lang> when it is created.
    var html = document.documentElement, previous = html.getAttribute("lang");
    html.setAttribute("lang", language);
    try {
      return module.createInstance({ basePath: base.pathname, excerptLength: 40 });
    } finally {
      html.setAttribute("lang", previous);
    }
  }

  function loadEngine() {
    if (engine) return engine;
    if (location.protocol === "file:") {
      // Browsers refuse fetch() and module workers for file:// pages: say so, quietly.
      engine = Promise.reject(new Error("file://"));
      engine.catch(function () { /* reported by search() */ });
      return engine;
    }
    var base = pagefindBase();
    engine = fetch(new URL("pagefind-entry.json", base)).then(function (response) {
      return response.json();
    }).then(function (entry) {
      // One module (hence one worker and wasm) per language: instances of two
      // languages sharing a worker corrupt each other's memory in Pagefind 1.5.
      return Promise.all(Object.keys(entry.languages || {}).sort().map(function (language) {
        return import(new URL("pagefind.js?language=" + language, base).href).then(function (module) {
          return createInstance(module, language, base);
        });
      }));
    });
    engine.catch(function () { engine = null; });  // reported by search(); the next query retries
    return engine;
  }

  function decode(fragment) {
    return new DOMParser().parseFromString(fragment, "text/html").body.textContent || "";
  }

  function cleanExcerpt(excerpt) {
    var plain = decode(excerpt.replace(/<\/?mark>/g, ""));
    return plain.replace(FOLD_SPAN, " ").replace(/^\s*¶\.?\s*/, "").replace(/\s+/g, " ").trim();
  }

  function pagefindMarks(excerpt) {
    // Words Pagefind matched (English stems, for example), as plain keys.
    var found = excerpt.match(/<mark>[^<]*<\/mark>/g) || [];
    return found.map(function (m) { return bare(decode(m)).toLowerCase(); });
  }

  function bare(word) {
    return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}+]+$/gu, "");
  }

  function matcher(query) {
    var terms = words(query);
    var folded = terms.map(fold), exact = terms.map(exactKey);
    return {
      folded: folded,
      counts: function (passage) {
        var seen = words(passage), exactSeen = seen.map(exactKey), foldedSeen = seen.map(fold);
        return {
          exact: exact.filter(function (t) { return exactSeen.indexOf(t) >= 0; }).length,
          folded: folded.filter(function (t) { return foldedSeen.indexOf(t) >= 0; }).length
        };
      },
      highlights: function (word, marks) {
        if (marks.indexOf(bare(word).toLowerCase()) >= 0) return true;
        var f = fold(bare(word));
        return f.length > 0 && folded.some(function (t, i) {
          return i === folded.length - 1 ? f.indexOf(t) === 0 : f === t;
        });
      }
    };
  }

  function passages(page, match) {
    var subs = page.sub_results && page.sub_results.length ? page.sub_results
      : [{ url: page.url, excerpt: page.excerpt }];
    return subs.map(function (sub, order) {
      var body = cleanExcerpt(sub.excerpt || ""), counts = match.counts(body);
      return { url: sub.url, text: body, marks: pagefindMarks(sub.excerpt || ""),
               folded: counts.folded, exact: counts.exact, order: order };
    }).filter(function (p) { return p.text; });
  }

  function ranked(pages, match) {
    var seen = {};
    var unique = pages.filter(function (p) {
      if (seen[p.data.url]) return false;
      seen[p.data.url] = true;
      return true;
    });
    unique.forEach(function (p) {
      p.passages = passages(p.data, match).sort(function (a, b) {
        return b.folded - a.folded || b.exact - a.exact || a.order - b.order;
      });
      var best = p.passages[0] || { folded: 0, exact: 0 };
      p.folded = best.folded;
      p.exact = best.exact;
    });
    // Passages with every query word first, then exact diacritics, then Pagefind's score.
    return unique.sort(function (a, b) {
      return b.folded - a.folded || b.exact - a.exact || b.score - a.score;
    });
  }

  function marked(passage, match) {
    var paragraph = document.createElement("p");
    passage.text.split(/(\s+)/).forEach(function (piece) {
      if (/^\s+$/.test(piece) || !match.highlights(piece, passage.marks)) {
        paragraph.appendChild(document.createTextNode(piece));
      } else {
        var mark = document.createElement("mark");
        mark.textContent = piece;
        paragraph.appendChild(mark);
      }
    });
    return paragraph;
  }

  function anchorLabel(url) {
    var hash = url.split("#")[1] || "";
    var number = /^p-(\d+)$/.exec(hash);
    if (number) return "¶ " + number[1];
    return /^fn:/.test(hash) ? "[" + hash.slice(3) + "]" : "";
  }

  function resultLink(page, passage, first, match) {
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL(passage.url, document.baseURI).href;  // Pagefind adds the site path
    link.setAttribute("data-edition-anchor", passage.url.split("#")[1] || "");
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset" +
      (first ? " md-search-result__article--document" : "");
    if (first) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    var heading = document.createElement(first ? "h1" : "h2");
    var label = anchorLabel(passage.url);
    var title = (page.meta.title || page.url).replace(FOLD_SPAN, "").trim();
    heading.textContent = first ? title + (label ? " · " + label : "") : label;
    article.appendChild(heading);
    article.appendChild(marked(passage, match));
    link.appendChild(article);
    return link;
  }

  function render(pages, match, count) {
    list.textContent = "";
    meta.textContent = count === 0 ? text("none") : count === 1 ? text("one")
      : text("other").replace("#", count);
    pages.slice(0, MAX_PAGES).forEach(function (page) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      page.passages.slice(0, MAX_PASSAGES).forEach(function (passage, index) {
        item.appendChild(resultLink(page.data, passage, index === 0, match));
      });
      list.appendChild(item);
    });
    input.setAttribute("aria-expanded", count > 0 ? "true" : "false");
  }

  function finished(query) {
    root.setAttribute("data-search-done", query);  // for tests and assistive tooling
  }

  function search(query) {
    var id = ++searchId;
    if (!query.trim()) {
      list.textContent = "";
      meta.textContent = text("placeholder");
      input.setAttribute("aria-expanded", "false");
      return Promise.resolve();
    }
    var match = matcher(query), total = 0;
    return loadEngine().then(function (instances) {
      // Pagefind splits words at symbols inconsistently ('(ADMM+);'): search the words,
      // rank exact forms (ADMM+) first in ranked().
      var plain = words(query).map(function (w) { return w.replace(/[^\p{L}\p{N}]+/gu, " "); }).join(" ");
      return Promise.all(instances.map(function (instance) { return instance.search(plain); }));
    }).then(function (responses) {
      if (id !== searchId) return null;
      var hits = [];
      responses.forEach(function (response) { if (response) hits = hits.concat(response.results); });
      hits.sort(function (a, b) { return b.score - a.score; });
      total = hits.length;
      return Promise.all(hits.slice(0, MAX_PAGES).map(function (hit) {
        return hit.data().then(function (data) { return { score: hit.score, data: data }; });
      }));
    }).then(function (pages) {
      if (pages && id === searchId) { render(ranked(pages, match), match, total); finished(query); }
    }).catch(function () {
      if (id === searchId) { list.textContent = ""; meta.textContent = text("unavailable"); finished(query); }
    });
  }

  function open() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
  }

  function close() {
    if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    input.blur();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
  }

  function moveFocus(step) {
    var all = links();
    if (!all.length) return;
    var at = all.indexOf(document.activeElement);
    var next = at + step;
    if (next < 0) { input.focus(); return; }
    all[Math.min(next, all.length - 1)].focus();
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  input.addEventListener("focus", function () { open(); loadEngine(); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, DEBOUNCE_MS);
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(""); input.focus(); }, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "ArrowDown") { event.preventDefault(); moveFocus(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); moveFocus(-1); }
    else if (event.key === "Enter" && event.target === input) {
      var first = links()[0];
      if (first) { event.preventDefault(); first.click(); }
    }
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "/" || event.key === "s") { event.preventDefault(); open(); input.focus(); }
  });
})();
