// Search with Pagefind: loaded only on the search page, and only when its index was built.
// The header's search box submits here as ?q=words; the results open with the words marked
// (?highlight=, read by nav.js). The Difficulty filter narrows pages (a filter belongs to a whole
// page); within each page the results show only the topics of the chosen levels, each with its level.
(function () {
  var box = document.getElementById("search");
  var status = document.getElementById("search-status");
  if (!box || !status) return;
  if (location.protocol === "file:") {
    status.textContent = "Search cannot run from a file opened on disk (this page's address starts with file://): " +
      "browsers do not let a page load its search index that way. Serve the site over HTTP " +
      "(for example with roadmap-site serve) to search it; the links below work as they are.";
    return;
  }
  var bundle = box.getAttribute("data-pagefind-bundle");
  var styles = document.createElement("link");
  styles.rel = "stylesheet";
  styles.href = bundle + "pagefind-ui.css";
  document.head.appendChild(styles);

  function chosenLevels() {
    var boxes = box.querySelectorAll('.pagefind-ui__filter-checkbox[name="Difficulty"]:checked');
    return Array.prototype.map.call(boxes, function (input) { return input.value; });
  }

  function anchorOf(url) {
    try { return decodeURIComponent(new URL(url, location.href).hash.slice(1)); } catch (e) { return ""; }
  }

  // Pagefind files a page under every level its topics have; here each sub-result (a heading of
  // the page) that is a topic says its level, and topics of other levels than the chosen ones go.
  function processResult(found) {
    // A copy: Pagefind may hand the same object again when the filters change.
    var result = Object.assign({}, found, { meta: Object.assign({}, found.meta) });
    var levels = {};
    String((result.meta && result.meta.topics) || "").split("|").forEach(function (pair) {
      var at = pair.lastIndexOf("=");
      if (at > 0) levels[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    });
    delete result.meta.topics;
    if (!Array.isArray(result.sub_results)) return result;
    var chosen = chosenLevels();
    var pageUrl = (result.meta && result.meta.url) || result.url;
    result.sub_results = result.sub_results.filter(function (sub) {
      if (sub.url === pageUrl) return true;  // Pagefind's entry for the page itself
      var level = levels[anchorOf(sub.url)];
      return !chosen.length || (level !== undefined && chosen.indexOf(level) !== -1);
    }).map(function (sub) {
      var level = levels[anchorOf(sub.url)];
      return level ? Object.assign({}, sub, { title: sub.title + " (" + level + ")" }) : sub;
    });
    return result;
  }

  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    /* global PagefindUI */
    var ui = new PagefindUI({
      element: "#search", bundlePath: bundle, showSubResults: true, showImages: false, resetStyles: false,
      highlightParam: "highlight", processResult: processResult
    });
    status.textContent = "";
    status.hidden = true;
    var query = new URLSearchParams(location.search).get("q");
    if (query) {
      // As if typed: the same path as the reader's own searches (filters load with it).
      var input = box.querySelector(".pagefind-ui__search-input");
      if (input) {
        input.value = query;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      } else {
        ui.triggerSearch(query);
      }
    }
  };
  script.onerror = function () {
    status.textContent = "This site has no search index: it was built without Pagefind (pip install \"pagefind[bin]\") " +
      "or with search turned off. The links below still lead to every article.";
  };
  document.head.appendChild(script);
})();
