// Progress marks without an account: kept in this browser's localStorage, never sent anywhere.
// A progressive enhancement: pages mark what can be tracked with data attributes, and only this
// script adds the buttons, progress bars, filter and export/import, so without it nothing shows.
(function () {
  "use strict";
  var KEY = "roadmap-progress";
  var FORMAT = "roadmap-progress";
  var STATES = [["done", "Done"], ["learning", "Learning"], ["skipped", "Skipped"]];
  var KNOWN = { done: true, learning: true, skipped: true };
  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(KEY);
  } catch (e) {
    storage = null; // private browsing or storage turned off: marks last as long as the page
  }

  function cleanMarks(raw) {
    var marks = {};
    if (!raw || typeof raw !== "object") return marks;
    Object.keys(raw).forEach(function (id) {
      if (KNOWN[raw[id]] === true) marks[id] = raw[id];
    });
    return marks;
  }

  function load() {
    if (!storage) return {};
    try {
      return cleanMarks((JSON.parse(storage.getItem(KEY) || "{}") || {}).marks);
    } catch (e) {
      return {};
    }
  }

  var marks = load();

  function save() {
    if (!storage) return;
    try {
      storage.setItem(KEY, JSON.stringify({ format: FORMAT, version: 1, marks: marks }));
    } catch (e) { /* storage full or refused: the marks still hold on this page */ }
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function setMark(id, state) {
    if (state) marks[id] = state; else delete marks[id];
    save();
    refresh();
  }

  // The thing being marked is named by its own heading or link, so the group needs no copy of it.
  function labelOf(item) {
    var named = item.querySelector("h1, h2, h3, a") || (item.closest("header") || item).querySelector("h1");
    return named ? named.textContent.trim() : item.getAttribute("data-progress-id");
  }

  function addMarkButtons(item) {
    var id = item.getAttribute("data-progress-id");
    var group = element("span", { "class": "progress-marks", role: "group", "aria-label": "Your progress: " + labelOf(item) });
    STATES.forEach(function (state) {
      var button = element("button", { type: "button", "class": "mark", "data-mark": state[0], "aria-pressed": "false" }, state[1]);
      button.addEventListener("click", function () { setMark(id, marks[id] === state[0] ? null : state[0]); });
      group.appendChild(button);
    });
    var slot = item.querySelector(":scope > [data-progress-slot]") || item;
    slot.appendChild(group);
  }

  var counter = 0;
  function addSummary(box) {
    var ids = (box.getAttribute("data-progress-topics") || "").split(/\s+/).filter(Boolean);
    if (!ids.length) return;
    var textId = "progress-text-" + (++counter);
    box.appendChild(element("p", { "class": "progress-text", id: textId }));
    box.appendChild(element("progress", { max: String(ids.length), value: "0", "aria-labelledby": textId }));
    box.hidden = false;
  }

  function summaryText(box) {
    var ids = (box.getAttribute("data-progress-topics") || "").split(/\s+/).filter(Boolean);
    var count = { done: 0, learning: 0, skipped: 0 };
    ids.forEach(function (id) { if (marks[id]) count[marks[id]] += 1; });
    var text = count.done + " of " + ids.length + " topics done";
    if (count.learning) text += " · " + count.learning + " learning";
    if (count.skipped) text += " · " + count.skipped + " skipped";
    return { text: text, done: count.done };
  }

  var filter = null;
  function addFilter(box) {
    var levels = [];
    try { levels = JSON.parse(box.getAttribute("data-levels") || "[]"); } catch (e) { levels = []; }
    var select = element("select", { id: "filter-level" });
    select.appendChild(element("option", { value: "" }, "All difficulties"));
    levels.forEach(function (level) { select.appendChild(element("option", { value: level[0] }, "Only " + level[1])); });
    var hideDone = element("input", { type: "checkbox", id: "filter-hide-done" });
    var levelField = element("span", { "class": "filter-field" });
    levelField.appendChild(element("label", { "for": "filter-level" }, "Show topics "));
    levelField.appendChild(select);
    var doneField = element("span", { "class": "filter-field" });
    doneField.appendChild(hideDone);
    doneField.appendChild(element("label", { "for": "filter-hide-done" }, " Hide done"));
    box.appendChild(levelField);
    box.appendChild(doneField);
    select.addEventListener("change", refresh);
    hideDone.addEventListener("change", refresh);
    box.hidden = false;
    filter = { level: select, hideDone: hideDone };
  }

  function applyFilter() {
    if (!filter) return;
    var level = filter.level.value;
    var hideDone = filter.hideDone.checked;
    var anyShown = false;
    all("[data-progress-map] > [data-progress-id]").forEach(function (part) {
      var topics = all("[data-progress-id]", part);
      var shown = 0;
      topics.forEach(function (topic) {
        var show = (!level || topic.getAttribute("data-difficulty") === level) &&
          !(hideDone && marks[topic.getAttribute("data-progress-id")] === "done");
        topic.hidden = !show;
        if (show) shown += 1;
      });
      var partDone = marks[part.getAttribute("data-progress-id")] === "done";
      var showPart = (topics.length ? shown > 0 : !level) && !(hideDone && partDone);
      part.hidden = !showPart;
      if (showPart) anyShown = true;
    });
    all("[data-progress-empty]").forEach(function (note) { note.hidden = anyShown; });
  }

  function exportProgress(status) {
    var data = { format: FORMAT, version: 1, exported: new Date().toISOString(), marks: marks };
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var link = element("a", { href: URL.createObjectURL(blob), download: "roadmap-progress.json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    status.textContent = "Exported " + Object.keys(marks).length + " marks to roadmap-progress.json.";
  }

  function importProgress(file, status) {
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try { data = JSON.parse(reader.result); } catch (e) { data = null; }
      if (!data || data.format !== FORMAT || typeof data.marks !== "object") {
        status.textContent = "That file is not a progress export from this site; nothing was changed.";
        return;
      }
      marks = cleanMarks(data.marks);
      save();
      refresh();
      status.textContent = "Imported " + Object.keys(marks).length + " marks.";
    };
    reader.onerror = function () { status.textContent = "The file could not be read; nothing was changed."; };
    reader.readAsText(file);
  }

  function addTools(box) {
    box.appendChild(element("h2", { "class": "tools-heading" }, "Your progress"));
    box.appendChild(element("p", {}, "Marks are kept in this browser only. Export them to keep a copy or to move them to another browser."));
    var exportButton = element("button", { type: "button", "class": "tool" }, "Export progress");
    var importButton = element("button", { type: "button", "class": "tool" }, "Import progress");
    var picker = element("input", { type: "file", accept: "application/json,.json", hidden: "", "aria-hidden": "true", tabindex: "-1" });
    var status = element("p", { "class": "tools-status", role: "status" });
    exportButton.addEventListener("click", function () { exportProgress(status); });
    importButton.addEventListener("click", function () { picker.click(); });
    picker.addEventListener("change", function () {
      if (picker.files && picker.files[0]) importProgress(picker.files[0], status);
      picker.value = "";
    });
    var row = element("p", { "class": "tools-row" });
    row.appendChild(exportButton);
    row.appendChild(importButton);
    box.appendChild(row);
    box.appendChild(picker);
    box.appendChild(status);
    box.hidden = false;
  }

  function refresh() {
    all("[data-progress-id]").forEach(function (item) {
      var state = marks[item.getAttribute("data-progress-id")] || "";
      if (state) item.setAttribute("data-progress-state", state); else item.removeAttribute("data-progress-state");
      var group = (item.querySelector(":scope > [data-progress-slot]") || item).querySelector(":scope > .progress-marks");
      if (!group) return;
      all("button", group).forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-mark") === state));
      });
    });
    all("[data-progress-topics]").forEach(function (box) {
      var text = box.querySelector(".progress-text");
      if (!text) return;
      var summary = summaryText(box);
      text.textContent = summary.text;
      box.querySelector("progress").value = summary.done;
    });
    applyFilter();
  }

  all("[data-progress-id]").forEach(addMarkButtons);
  all("[data-progress-topics]").forEach(addSummary);
  all("[data-progress-filter]").forEach(addFilter);
  all("[data-progress-tools]").forEach(addTools);
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { marks = load(); refresh(); }
  });
  refresh();
})();
