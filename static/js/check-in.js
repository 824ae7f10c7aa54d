// Check-in without reloading the list (the buttons work without this script too).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("check-in") || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"Accept": "application/json"}
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      var on = data.checked_in;
      form.querySelector('input[name="arrived"]').value = on ? "0" : "1";
      button.textContent = on ? button.dataset.labelOn : button.dataset.labelOff;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.classList.toggle("button-secondary", !on);
      form.closest(".attendee").classList.toggle("is-checked-in", on);
      var total = document.querySelector('[data-total="checked_in"]');
      if (total) total.textContent = data.totals.checked_in;
    }).catch(function () {
      form.submit();
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
