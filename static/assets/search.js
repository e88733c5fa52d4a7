// Search with Pagefind: loaded only on the search page, and only when its index was built.
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
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    /* global PagefindUI */
    new PagefindUI({ element: "#search", bundlePath: bundle, showSubResults: true, showImages: false, resetStyles: false });
    status.textContent = "";
    status.hidden = true;
  };
  script.onerror = function () {
    status.textContent = "This site has no search index: it was built without Pagefind (pip install \"pagefind[bin]\") " +
      "or with search turned off. The links below still lead to every article.";
  };
  document.head.appendChild(script);
})();
