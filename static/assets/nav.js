// Navigation on top of pages that work without it: the phone menu button, "/" to search, the
// search terms marked on a page opened from a result, and the current section in the contents.
(function () {
  var root = document.documentElement;

  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (toggle && menu) {
    // Without this script the menu simply stays open; with it, phones get a closed menu.
    root.classList.add("has-menu");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true" && menu.contains(document.activeElement)) {
        toggle.click();
        toggle.focus();
      }
    });
  }

  var form = document.querySelector(".header-search");
  var input = form && form.querySelector("input[type=search]");
  if (input) {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      var active = document.activeElement;
      if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
      event.preventDefault();
      if (toggle && !toggle.hidden && input.offsetParent === null) toggle.click();
      input.focus();
      input.select();
    });
  }

  // Pagefind's results link here with ?highlight=word: mark the words with its own script.
  var words = new URLSearchParams(location.search).getAll("highlight");
  if (words.length && form && location.protocol !== "file:") {
    var bundle = new URL(form.getAttribute("data-pagefind-bundle"), location.href).href;
    import(bundle + "pagefind-highlight.js").then(function (module) {
      var Highlight = module.default || window.PagefindHighlight;
      new Highlight({ highlightParam: "highlight", addStyles: false });
      var first = document.querySelector("mark.pagefind__highlight, mark.pagefind-highlight");
      if (first && !location.hash) first.scrollIntoView({ block: "center" });
    }).catch(function () { /* built without a search index: nothing to mark */ });
  }

  // "On this page" is one closed box on phones and an open sidebar on wide screens (the stylesheet
  // shows the sidebar without this script too; open, its links are reachable by every means).
  var box = document.querySelector(".on-this-page");
  if (box) {
    var wide = window.matchMedia("(min-width: 60rem)");
    var follow = function () { box.open = wide.matches; };
    follow();
    wide.addEventListener("change", follow);
  }

  // The contents list marks the section being read.
  var links = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#']"));
  if (links.length && "IntersectionObserver" in window) {
    var byId = {};
    var headings = [];
    links.forEach(function (link) {
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      var heading = document.getElementById(id);
      if (heading) { byId[id] = link; headings.push(heading); }
    });
    var visible = {};
    var current = null;
    function mark(id) {
      if (id === current) return;
      if (current && byId[current]) byId[current].removeAttribute("aria-current");
      current = id;
      if (id && byId[id]) byId[id].setAttribute("aria-current", "true");
    }
    function update() {
      // The first heading on screen; else the last one scrolled past.
      var chosen = null;
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { chosen = headings[i].id; break; }
      }
      if (!chosen) {
        for (var j = headings.length - 1; j >= 0; j--) {
          if (headings[j].getBoundingClientRect().top < 0) { chosen = headings[j].id; break; }
        }
      }
      mark(chosen);
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { visible[entry.target.id] = entry.isIntersecting; });
      update();
    }, { rootMargin: "0px 0px -40% 0px" });
    headings.forEach(function (heading) { observer.observe(heading); });
  }
})();
