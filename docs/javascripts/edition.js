/* Edition behaviour, no third-party code:
   - the ¶ button of a paragraph copies its link and a citation line;
   - BibTeX and CSL-JSON downloads of the article's citation;
   - following a retired anchor (#p-9 of a removed or merged paragraph) says so. */
(function () {
  "use strict";
  var MESSAGES = {
    vi: { copied: "Đã sao chép liên kết và trích dẫn ¶ ", removed: "Đoạn ¶ {n} đã bị xóa khỏi văn bản; đây là đoạn gần nhất còn lại.",
          merged: "Đoạn ¶ {n} đã được gộp vào đoạn này." },
    en: { copied: "Copied the link and citation of ¶ ", removed: "Paragraph ¶ {n} was removed from the text; this is the nearest one left.",
          merged: "Paragraph ¶ {n} was merged into this one." }
  };

  function language() {
    var holder = document.querySelector("article [lang]");
    return holder && holder.getAttribute("lang") === "en" ? "en" : "vi";
  }

  function csl() {
    var node = document.getElementById("edition-csl");
    return node ? JSON.parse(node.textContent) : null;
  }

  function pageUrl(anchor) {
    return location.origin + location.pathname + (anchor ? "#" + anchor : "");
  }

  function citationLine(item, label, anchor) {
    var parts = [];
    if (item.author) parts.push(item.author.map(function (a) { return a.literal; }).join(", ") + ".");
    parts.push("“" + item.title + ".”");
    var venue = [item["container-title"], item.issued && item.issued["date-parts"][0].join("-")].filter(Boolean);
    if (venue.length) parts.push(venue.join(", ") + ".");
    if (label) parts.push("¶ " + label + ".");
    parts.push(pageUrl(anchor));
    return parts.join(" ");
  }

  function notify(text) {
    var box = document.createElement("div");
    box.className = "edition-notice";
    box.setAttribute("role", "status");
    box.textContent = text;
    document.body.appendChild(box);
    setTimeout(function () { box.remove(); }, 6000);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    return Promise.resolve();
  }

  function bibtex(item) {
    var fields = [["title", item.title]];
    if (item.author) fields.push(["author", item.author.map(function (a) { return "{" + a.literal + "}"; }).join(" and ")]);
    if (item["container-title"]) fields.push([item.type === "article-journal" ? "journal" : "publisher", item["container-title"]]);
    if (item.issued) fields.push(["year", String(item.issued["date-parts"][0][0])]);
    if (item.URL) fields.push(["note", "Original: " + item.URL]);
    fields.push(["url", pageUrl()]);
    fields.push(["language", item.language]);
    var type = item.type === "article-journal" ? "article" : "misc";
    return "@" + type + "{" + item.id + ",\n" + fields.map(function (f) {
      return "  " + f[0] + " = {" + String(f[1]).replace(/[{}\\]/g, "") + "}";
    }).join(",\n") + "\n}\n";
  }

  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".edition-cite, .edition-download");
    var item = csl();
    if (!button || !item) return;
    if (button.classList.contains("edition-cite")) {
      var anchor = button.getAttribute("data-anchor"), label = button.getAttribute("data-label");
      copy(pageUrl(anchor) + "\n" + citationLine(item, label, anchor)).then(function () {
        notify(MESSAGES[language()].copied + label);
      });
    } else if (button.getAttribute("data-format") === "bibtex") {
      download(item.id + ".bib", "application/x-bibtex", bibtex(item));
    } else {
      var data = Object.assign({}, item, { URL: pageUrl() });
      if (item.URL) data.source = item.URL;
      download(item.id + ".json", "application/vnd.citationstyles.csl+json", JSON.stringify([data], null, 2));
    }
  });

  function explainRetired() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.classList.contains("edition-retired")) return;
    var status = target.getAttribute("data-status") === "merged" ? "merged" : "removed";
    notify(MESSAGES[language()][status].replace("{n}", target.getAttribute("data-label")));
  }

  window.addEventListener("hashchange", explainRetired);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", explainRetired);
  else explainRetired();
})();
