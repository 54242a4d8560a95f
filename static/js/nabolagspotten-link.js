// Nabolagspotten: the personal link (and the link that confirms a new e-mail address).
// The e-mailed address is /nabolagspotten/lenke/#<token>. A browser never sends the part
// after "#" to the server, so the token is in no access log; this script takes it from
// the address bar (and removes it there and from the history) and posts it in the
// page's form. Without JavaScript the page asks the applicant to paste the link instead.
(function () {
  "use strict";
  var form = document.querySelector("form[data-link-form]");
  if (!form) {
    return;
  }
  function post() {
    var token = window.location.hash.slice(1);
    if (!token) {
      return;
    }
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    try {
      token = decodeURIComponent(token);
    } catch (error) {
      // Not percent-encoded after all: send it as it is; the server says if it is broken.
    }
    form.querySelector("[name='code']").value = token;
    var opening = document.querySelector("[data-link-opening]");
    if (opening) {
      opening.hidden = false;
    }
    form.hidden = true;
    form.submit();
  }
  // A link pasted into the address bar of this very page changes only the fragment.
  window.addEventListener("hashchange", post);
  post();
})();
