// Keep a message's progress numbers current without reloading (a reload shows them too).
(function () {
  "use strict";
  var section = document.querySelector("[data-progress-url]");
  if (!section || !window.fetch) return;
  var url = section.getAttribute("data-progress-url");
  var bar = section.querySelector("progress");

  function show(data) {
    ["sent", "queued", "failed", "skipped", "total"].forEach(function (name) {
      var node = section.querySelector('[data-progress="' + name + '"]');
      if (node) node.textContent = data[name];
    });
    section.querySelector('[data-progress="percent"]').textContent = data.percent + " %";
    if (bar) bar.value = data.percent;
    var state = document.querySelector("[data-state]");
    if (state && data.state_label) state.textContent = data.state_label;
    // Once it has started going out it can no longer be cancelled: the button goes.
    var cancel = document.querySelector("[data-cancel-form]");
    if (cancel && data.state !== "scheduled") cancel.parentNode.removeChild(cancel);
  }

  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        show(data);
        if (!data.done) window.setTimeout(poll, 1500);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1000);
})();
