// The portfolio overview: on a phone the filters start closed even when some are chosen
// (the disclosure's summary names them), so the results come first. Without JavaScript the
// filters are open whenever one is chosen, and closed otherwise.
(function () {
  "use strict";
  var filters = document.querySelector("details[data-close-on-phone]");
  if (filters && window.matchMedia("(max-width: 40rem)").matches) {
    filters.open = false;
  }
})();
