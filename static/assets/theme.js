// The theme toggle: a progressive enhancement. Without it the page follows the system theme.
(function () {
  var button = document.querySelector(".theme-toggle");
  if (!button) return;
  var root = document.documentElement;
  var media = window.matchMedia("(prefers-color-scheme: dark)");
  function current() {
    return root.dataset.theme || (media.matches ? "dark" : "light");
  }
  function show() {
    var dark = current() === "dark";
    button.textContent = dark ? "Light theme" : "Dark theme";
    button.setAttribute("aria-label", dark ? "Switch to the light theme" : "Switch to the dark theme");
  }
  button.addEventListener("click", function () {
    var next = current() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    try { localStorage.setItem("roadmap-theme", next); } catch (e) { /* private mode: the choice lasts this page */ }
    show();
  });
  media.addEventListener("change", show);
  button.hidden = false;
  show();
})();
