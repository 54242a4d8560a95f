// Nabolagspotten, step 4 (money): show the sum of the budget lines while the applicant
// types. Without JavaScript the page shows the saved sum; the server always computes it.
(function () {
  "use strict";
  var form = document.querySelector("[data-budget-form]");
  var output = document.querySelector("[data-budget-total]");
  if (!form || !output) {
    return;
  }
  var formatter = new Intl.NumberFormat("nb-NO", { maximumFractionDigits: 0 });
  function update() {
    var total = 0;
    form.querySelectorAll("input[name$='-amount']").forEach(function (input) {
      var value = parseInt(input.value, 10);
      if (!isNaN(value) && value > 0) {
        total += value;
      }
    });
    output.textContent = formatter.format(total) + "\u00a0kr";
  }
  form.addEventListener("input", update);
  update();
})();
