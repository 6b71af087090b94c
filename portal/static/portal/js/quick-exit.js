/* "Leave this site": replace this page with the neutral site, so that Back does not return here,
 * and do the same on the Esc key. Without JavaScript the button is a plain link that still works. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }

  function leave(event) {
    event.preventDefault();
    document.body.hidden = true; // nothing of this site stays on screen while the other one loads
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  link.setAttribute("aria-keyshortcuts", "Escape");
  document.addEventListener("keydown", function (event) {
    // Esc also ends a character composition (Chinese, Vietnamese input) and closes the editors'
    // Wagtail user bar: leave those alone.
    if (event.key !== "Escape" || event.isComposing || event.keyCode === 229 || event.defaultPrevented) {
      return;
    }
    if (event.target instanceof Element && event.target.closest("wagtail-userbar")) {
      return;
    }
    leave(event);
  });
})();
