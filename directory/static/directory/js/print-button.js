/* The printable list's "Print this list" button: shown only where it can work (with JavaScript);
 * without it, the page says to use the browser's Print command. */
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (!button || typeof window.print !== "function") {
    return;
  }
  button.hidden = false;
  var hint = document.querySelector("[data-print-hint]");
  if (hint) {
    hint.hidden = true;
  }
  button.addEventListener("click", function () {
    window.print();
  });
})();
