// Progress marks without an account: kept in this browser's localStorage, never sent anywhere.
// A progressive enhancement: pages mark what can be tracked with data attributes, and only this
// script adds the status menus, progress bars, filter, "continue" link and export/import, so
// without it nothing of this shows.
//
// What a mark means: a topic is done, learning or skipped. A part with topics has no mark of its
// own: its status follows from its topics (done when all are done, skipped when all are skipped,
// learning when some are marked), and choosing a status for the part gives it to every topic of
// the part ("Not started" clears them). A part without topics is marked itself and counts as one
// topic. Every element with a data-progress-id gets data-status="done|learning|skipped" (none
// without a mark), whoever drew it, so other views (the map) show the same marks.
(function () {
  "use strict";
  var KEY = "roadmap-progress";
  var FORMAT = "roadmap-progress";
  var VERSION = 2; // 2 adds marked_at (when each mark was set); version 1 files read as older than any mark
  var STATES = [["", "Not started"], ["done", "Done"], ["learning", "Learning"], ["skipped", "Skipped"]];
  var KNOWN = { done: true, learning: true, skipped: true };
  var NAMES = { done: "done", learning: "learning", skipped: "skipped", "": "not started" };
  var KEYS = { d: "done", l: "learning", s: "skipped", r: "" };
  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(KEY);
  } catch (e) {
    storage = null; // private browsing or storage turned off: marks last as long as the page
  }

  function cleanMarks(raw) {
    var clean = {};
    if (!raw || typeof raw !== "object") return clean;
    Object.keys(raw).forEach(function (id) {
      if (KNOWN[raw[id]] === true) clean[id] = raw[id];
    });
    return clean;
  }

  function timeOf(value) {
    var time = typeof value === "number" ? value : Date.parse(value);
    return isFinite(time) && time > 0 ? time : 0;
  }

  function cleanTimes(raw, forMarks) {
    var clean = {};
    Object.keys(forMarks).forEach(function (id) { clean[id] = raw && typeof raw === "object" ? timeOf(raw[id]) : 0; });
    return clean;
  }

  var marks = {};
  var times = {}; // id -> when its mark was set (ms); 0 when it came from a file without times

  function load() {
    marks = {};
    times = {};
    if (!storage) return;
    try {
      var data = JSON.parse(storage.getItem(KEY) || "{}") || {};
      marks = cleanMarks(data.marks);
      times = cleanTimes(data.marked_at, marks);
    } catch (e) { /* unreadable: start afresh */ }
  }

  function save() {
    if (!storage) return;
    try {
      storage.setItem(KEY, JSON.stringify({ format: FORMAT, version: VERSION, marks: marks, marked_at: times }));
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

  function idsOf(box) {
    return (box.getAttribute("data-progress-topics") || "").split(/\s+/).filter(Boolean);
  }

  // Every id this page knows of: its marked elements and the ids its progress bars count, so a
  // part's topics are known even on a page that does not list them.
  var known = null; // cached for one refresh: the page's ids change only when something is drawn
  function knownIds() {
    if (known) return known;
    var seen = {};
    all("[data-progress-id]").forEach(function (item) { seen[item.getAttribute("data-progress-id")] = true; });
    all("[data-progress-topics]").forEach(function (box) { idsOf(box).forEach(function (id) { seen[id] = true; }); });
    known = Object.keys(seen);
    return known;
  }

  function topicsOf(partId) {
    if (partId.indexOf("#") !== -1) return [];
    var prefix = partId + "#";
    return knownIds().filter(function (id) { return id.indexOf(prefix) === 0; });
  }

  function statusOf(id) {
    var topics = topicsOf(id);
    if (!topics.length) return marks[id] || "";
    var done = 0, skipped = 0, marked = 0;
    topics.forEach(function (topic) {
      if (marks[topic]) marked += 1;
      if (marks[topic] === "done") done += 1;
      if (marks[topic] === "skipped") skipped += 1;
    });
    if (done === topics.length) return "done";
    if (skipped === topics.length) return "skipped";
    return marked ? "learning" : "";
  }

  function setMark(id, state) {
    var targets = topicsOf(id);
    if (!targets.length) targets = [id];
    var now = Date.now();
    targets.forEach(function (target) {
      if (state) { marks[target] = state; times[target] = now; } else { delete marks[target]; delete times[target]; }
    });
    save();
    refresh();
  }

  // The thing being marked is named by its own heading or link.
  function labelOf(item) {
    var named = item.querySelector("h1, h2, h3, a") || (item.closest("header") || item).querySelector("h1");
    return named ? named.textContent.replace(/\s+/g, " ").trim() : item.getAttribute("data-progress-id");
  }

  var counter = 0;
  var managed = []; // [item, select, part label or null]

  function addControl(item) {
    var id = item.getAttribute("data-progress-id");
    var isPart = id.indexOf("#") === -1 && topicsOf(id).length > 0;
    var selectId = "mark-" + (++counter);
    var select = element("select", { id: selectId, "class": "mark-select", "data-mark-for": id });
    STATES.forEach(function (state) { select.appendChild(element("option", { value: state[0] }, state[1])); });
    // A part whose topics differ shows "In progress"; any other choice then applies to them all.
    if (isPart) select.appendChild(element("option", { value: "mixed", disabled: "" }, "In progress"));
    var field = element("span", { "class": "progress-marks" + (isPart ? " part-marks" : "") });
    var label = element("label", { "for": selectId });
    var visible = null;
    if (isPart) {
      visible = element("span", { "class": "part-marks-text" });
      label.appendChild(visible);
      label.appendChild(element("span", { "class": "sr-text" }, " of " + labelOf(item)));
    } else {
      label.className = "sr-text";
      label.textContent = "Status of " + labelOf(item);
    }
    field.appendChild(label);
    field.appendChild(select);
    select.addEventListener("change", function () { setMark(id, select.value); announce(item, select.value); });
    var slot = item.querySelector(":scope > [data-progress-slot]") || item.querySelector(":scope > .topic-row") || item;
    slot.appendChild(field);
    managed.push([item, select, visible]);
  }

  var announcer = null;
  function announce(item, state) {
    if (announcer) announcer.textContent = labelOf(item).replace(/^Part \d+: /, "") + ": " + NAMES[state] + ".";
  }

  function addSummary(box) {
    var ids = idsOf(box);
    if (!ids.length) return;
    var textId = "progress-text-" + (++counter);
    box.appendChild(element("p", { "class": "progress-text", id: textId }));
    box.appendChild(element("progress", { max: String(ids.length), value: "0", "aria-labelledby": textId }));
    box.hidden = false;
  }

  function counts(ids) {
    var count = { done: 0, learning: 0, skipped: 0 };
    ids.forEach(function (id) { if (marks[id]) count[marks[id]] += 1; });
    return count;
  }

  function summaryText(ids) {
    var count = counts(ids);
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
    var help = element("p", { "class": "keys-help" }, "Keys: ");
    [["d", "done"], ["l", "learning"], ["s", "skipped"], ["r", "reset"]].forEach(function (pair, index) {
      if (index) help.appendChild(document.createTextNode(" · "));
      help.appendChild(element("kbd", {}, pair[0]));
      help.appendChild(document.createTextNode(" " + pair[1]));
    });
    help.appendChild(document.createTextNode(" (on a focused topic or part)"));
    box.appendChild(help);
    announcer = element("p", { "class": "sr-text", role: "status" });
    box.appendChild(announcer);
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
      var showPart = topics.length ? shown > 0 : !level && !(hideDone && statusOf(part.getAttribute("data-progress-id")) === "done");
      part.hidden = !showPart;
      if (showPart) anyShown = true;
    });
    all("[data-progress-empty]").forEach(function (note) { note.hidden = anyShown; });
  }

  function showNext(island) {
    var box = island.previousElementSibling;
    if (!box || !box.hasAttribute("data-progress-next")) return;
    var steps = [];
    try { steps = JSON.parse(island.textContent) || []; } catch (e) { steps = []; }
    box.textContent = "";
    var started = steps.some(function (step) { return marks[step.id]; });
    if (!started) { box.hidden = true; return; }
    var next = steps.filter(function (step) { return marks[step.id] !== "done" && marks[step.id] !== "skipped"; })[0];
    if (next) {
      box.appendChild(element("span", { "class": "progress-next-label" }, "Next: "));
      box.appendChild(element("a", { href: next.href }, next.label));
    } else {
      box.textContent = "All topics done or skipped.";
    }
    box.hidden = false;
  }

  function exportProgress(status) {
    var stamped = {};
    Object.keys(marks).forEach(function (id) { stamped[id] = times[id] ? new Date(times[id]).toISOString() : null; });
    var data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), marks: marks, marked_at: stamped };
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var link = element("a", { href: URL.createObjectURL(blob), download: "roadmap-progress.json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    status.textContent = "Exported " + Object.keys(marks).length + " marks to roadmap-progress.json.";
  }

  // Per item the newer mark wins; a mark without a time (a version 1 file) is older than any
  // mark with one, and on a tie the mark already here stays.
  function merge(incoming, incomingTimes) {
    var result = { added: 0, changed: 0, kept: 0 };
    Object.keys(incoming).forEach(function (id) {
      var when = incomingTimes[id] || 0;
      if (!marks[id]) {
        marks[id] = incoming[id]; times[id] = when; result.added += 1;
      } else if (marks[id] !== incoming[id] && when > (times[id] || 0)) {
        marks[id] = incoming[id]; times[id] = when; result.changed += 1;
      } else {
        if (marks[id] === incoming[id]) times[id] = Math.max(times[id] || 0, when);
        result.kept += 1;
      }
    });
    return result;
  }

  function importProgress(file, status) {
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try { data = JSON.parse(reader.result); } catch (e) { data = null; }
      if (!data || data.format !== FORMAT || !data.marks || typeof data.marks !== "object") {
        status.textContent = "That file is not a progress export from this site; nothing was changed.";
        return;
      }
      var incoming = cleanMarks(data.marks);
      var result = merge(incoming, cleanTimes(data.marked_at, incoming));
      save();
      refresh();
      status.textContent = "Imported: " + result.added + " added, " + result.changed + " changed, " + result.kept + " kept.";
    };
    reader.onerror = function () { status.textContent = "The file could not be read; nothing was changed."; };
    reader.readAsText(file);
  }

  function addTools(box) {
    box.appendChild(element("h2", { "class": "tools-heading" }, "Your progress"));
    box.appendChild(element("p", {}, "Marks are kept in this browser only. Export them to keep a copy or to move them to another browser; importing a file merges it with the marks here, the newer mark of each topic winning."));
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

  function stamp(item) {
    var state = statusOf(item.getAttribute("data-progress-id"));
    if (state) item.setAttribute("data-status", state); else item.removeAttribute("data-status");
  }

  function updatePart(part) {
    var marker = part.querySelector(":scope > .part-marker");
    var topics = topicsOf(part.getAttribute("data-progress-id"));
    if (!marker || !topics.length) return;
    var done = counts(topics).done;
    var count = marker.querySelector(".part-count") || marker.appendChild(element("span", { "class": "part-count" }));
    count.textContent = (done === topics.length ? "✓ " : "") + done + "/" + topics.length;
  }

  // What a part's menu shows: the state all its topics share, or "mixed".
  function menuValue(id) {
    var topics = topicsOf(id);
    if (!topics.length) return marks[id] || "";
    var first = marks[topics[0]] || "";
    return topics.every(function (topic) { return (marks[topic] || "") === first; }) ? first : "mixed";
  }

  function refresh() {
    known = null;
    all("[data-progress-id]").forEach(stamp);
    managed.forEach(function (entry) {
      var id = entry[0].getAttribute("data-progress-id");
      entry[1].value = menuValue(id);
      if (entry[2]) {
        var topics = topicsOf(id);
        entry[2].textContent = "Whole part (" + counts(topics).done + " of " + topics.length + " done)";
      }
    });
    all(".series-part").forEach(updatePart);
    all("[data-progress-topics]").forEach(function (box) {
      var text = box.querySelector(".progress-text");
      if (!text) return;
      var summary = summaryText(idsOf(box));
      text.textContent = summary.text;
      box.querySelector("progress").value = summary.done;
    });
    all("[data-progress-order]").forEach(showNext);
    applyFilter();
  }

  // d, l, s and r mark the topic or part that holds the focus, unless the reader is typing.
  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var state = KEYS[event.key];
    if (state === undefined) return;
    var target = event.target;
    if (!target || !target.closest || target.closest("input, textarea, [contenteditable]:not([contenteditable='false'])")) return;
    var item = target.closest("[data-progress-id]");
    if (!item) return;
    if (!managed.some(function (entry) { return entry[0] === item; })) return;
    event.preventDefault();
    setMark(item.getAttribute("data-progress-id"), state);
    announce(item, state);
  }

  // Controls go on the list rows and article marks; a drawing (an SVG map's nodes, or anything
  // with data-progress-passive) only shows the status.
  function wantsControl(item) {
    return !item.closest("svg, [data-progress-passive]") && item.tagName !== "A";
  }

  load();
  all("[data-progress-id]").filter(wantsControl).forEach(addControl);
  all("[data-progress-topics]").forEach(addSummary);
  all("[data-progress-filter]").forEach(addFilter);
  all("[data-progress-tools]").forEach(addTools);
  document.addEventListener("keydown", onKey);
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { load(); refresh(); }
  });
  // Elements with a data-progress-id drawn after this script ran (a map, say) get their status too.
  if (window.MutationObserver) {
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        Array.prototype.forEach.call(record.addedNodes, function (node) {
          if (node.nodeType !== 1) return;
          known = null;
          if (node.hasAttribute("data-progress-id")) stamp(node);
          all("[data-progress-id]", node).forEach(stamp);
        });
      });
    }).observe(document.documentElement, { childList: true, subtree: true });
  }
  refresh();
})();
