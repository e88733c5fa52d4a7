// Copy buttons on code blocks: a progressive enhancement. Without this script the code is there
// to read and select as it is; with it, each block's header gets a button and a status that
// screen readers announce politely ("Copied", or how to copy where the clipboard is refused).
(function () {
  "use strict";
  var blocks = document.querySelectorAll(".code-block");
  if (!blocks.length) return;
  var SHOWN_FOR = 2000;
  var SHORTCUT = /Mac|iPhone|iPad/.test(navigator.platform || "") ? "Command+C" : "Ctrl+C";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function selectContents(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function addCopyButton(block) {
    var code = block.querySelector("pre code") || block.querySelector("pre");
    if (!code) return;
    var header = block.querySelector(":scope > .code-header");
    if (!header) {
      header = element("div", "code-header");
      block.insertBefore(header, block.firstChild);
    }
    var status = element("span", "code-status");
    status.setAttribute("role", "status");
    var button = element("button", "code-copy", "Copy");
    button.type = "button";
    header.appendChild(status);
    header.appendChild(button);

    var timer = null;
    var waitingForShortcut = false;
    function say(message, lasting) {
      clearTimeout(timer);
      if (status.textContent === message) {
        // The same words again are announced only if the region changes: empty it first.
        status.textContent = "";
        timer = setTimeout(function () { say(message, lasting); }, 100);
        return;
      }
      status.textContent = message;
      if (!lasting) timer = setTimeout(function () { status.textContent = ""; }, SHOWN_FOR);
    }
    function askForShortcut() {
      // No clipboard for scripts here (plain http on another host, or refused): the reader
      // copies the selection with the keyboard instead.
      selectContents(code);
      waitingForShortcut = true;
      say("Press " + SHORTCUT + " to copy", true);
    }
    button.addEventListener("click", function () {
      waitingForShortcut = false;
      var text = code.textContent.replace(/\n$/, "");
      if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
        askForShortcut();
        return;
      }
      navigator.clipboard.writeText(text).then(function () { say("Copied"); }, askForShortcut);
    });
    block.addEventListener("copy", function () {
      if (waitingForShortcut) {
        waitingForShortcut = false;
        say("Copied");
      }
    });
  }

  Array.prototype.forEach.call(blocks, addCopyButton);
})();
