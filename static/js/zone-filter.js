// A search box over a long time-zone select: typing "kyiv" or "new york" leaves only the
// zones that match, the common ones still first. Without this script the select works as is.
(function () {
  "use strict";
  function words(text) {
    return text.toLowerCase().replace(/[_/]/g, " ").split(/\s+/).filter(Boolean);
  }

  function enhance(texts) {
    var select = document.getElementById(texts.getAttribute("data-zone-filter"));
    if (!select) return;
    var groups = Array.prototype.map.call(select.querySelectorAll("optgroup"), function (group) {
      return {label: group.label, options: Array.prototype.map.call(
        group.querySelectorAll("option"), function (option) {
          return {value: option.value, text: option.textContent,
                  words: words(option.value + " " + option.textContent).join(" ")};
        })};
    });
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "-filter";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = texts.getAttribute("data-label");
    var status = document.createElement("p");
    status.className = "hint";
    status.id = select.id + "-filter-status";
    status.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", status.id);
    var box = document.createElement("div");
    box.className = "zone-filter";
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    select.parentNode.insertBefore(box, select.parentNode.firstChild);

    function show(query) {
      var wanted = words(query), chosen = select.value, found = 0, first = null, kept = false;
      var fragment = document.createDocumentFragment();
      groups.forEach(function (group) {
        var matches = group.options.filter(function (option) {
          return wanted.every(function (word) { return option.words.indexOf(word) !== -1; });
        });
        if (!matches.length) return;
        var node = document.createElement("optgroup");
        node.label = group.label;
        matches.forEach(function (option) {
          var item = new Option(option.text, option.value);
          node.appendChild(item);
          if (option.value === chosen) kept = true;
          if (first === null) first = option.value;
        });
        found += matches.length;
        fragment.appendChild(node);
      });
      if (!found) {  // nothing matches: keep every zone, so the form keeps a valid choice
        status.textContent = texts.getAttribute("data-none");
        return;
      }
      select.innerHTML = "";
      select.appendChild(fragment);
      select.value = kept ? chosen : first;
      status.textContent = wanted.length ? texts.getAttribute("data-some") + " " + found : "";
    }

    input.addEventListener("input", function () { show(input.value); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {  // choose the first match instead of sending the form
        event.preventDefault();
        select.focus();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-zone-filter]"), enhance);
})();
