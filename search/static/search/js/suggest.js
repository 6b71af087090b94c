// Suggestions while typing, for search boxes with data-suggest-url: the names of listings and
// kinds of help fill the box's <datalist>. Progressive enhancement: without this script (or
// when the request fails) the search form works the same.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) return;
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2 || text === last) return;
      timer = setTimeout(function () {
        last = text;
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.suggestions.forEach(function (s) {
              var option = document.createElement("option");
              option.value = s.text;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  });
})();
