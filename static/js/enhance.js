// Small progressive enhancements; without JavaScript every page says the same in other ways
// (the server checks lengths and suggests mail domains; times carry their zone's name).
// 1. A counter near a field's limit. 2. "Did you mean gmail.com?" as soon as the address is
// typed (the same data and rule as campaign/core/typos.py). 3. "(14:00 your time)" beside an
// event's time when the browser's zone shows another time. Texts come translated on the
// script tag's data attributes.
(function () {
  "use strict";
  var script = document.currentScript;
  function text(name, value) {
    var template = (script && script.getAttribute("data-" + name)) || "";
    return template.replace("%s", value);
  }
  function each(selector, callback) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), callback);
  }

  // 1. Characters left, once the text nears its limit; how many too many beyond it.
  function submittedLength(field) {
    var value = field.value;
    var breaks = field.tagName === "TEXTAREA" ? (value.match(/\n/g) || []).length : 0;
    return Array.from(value).length + breaks;  // as the server counts: CRLF, code points
  }
  each("[data-maxlength]", function (field) {
    var max = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!max || !field.id) return;
    var note = document.createElement("p");
    note.className = "char-count";
    note.id = field.id + "-count";
    note.setAttribute("aria-live", "polite");
    note.hidden = true;
    field.insertAdjacentElement("afterend", note);
    function update() {
      var length = submittedLength(field);
      var near = length >= Math.min(max * 0.8, max - 5);
      note.hidden = !near;
      note.classList.toggle("is-over", length > max);
      if (near) {
        note.textContent = length > max ? text("chars-over", length - max)
                                        : text("chars-left", max - length);
      }
    }
    field.addEventListener("input", update);
    update();
  });

  // 2. Mail-domain typos.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      var row = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          row[j] = Math.min(row[j], before[j - 2] + 1);
        }
      }
      before = previous;
      previous = row;
    }
    return Math.min(previous[b.length], limit + 1);
  }
  function suggestDomain(field, domain) {
    var providers = field.getAttribute("data-typo-providers").split(" ");
    var known = JSON.parse(field.getAttribute("data-typo-known") || "{}");
    var limits = (field.getAttribute("data-typo-limits") || "7 9").split(" ").map(Number);
    domain = domain.trim().toLowerCase().replace(/\.$/, "");
    if (!domain || providers.indexOf(domain) >= 0) return null;
    if (Object.prototype.hasOwnProperty.call(known, domain)) return known[domain];
    var best = 3, found = null;
    providers.forEach(function (provider) {
      if (provider.length < limits[0]) return;
      var edits = distance(domain, provider, 2);
      if (edits > (provider.length >= limits[1] ? 2 : 1)) return;
      if (edits < best) { best = edits; found = provider; }
    });
    return found;
  }
  function suggestAddress(field) {
    var value = field.value.trim(), at = value.lastIndexOf("@");
    if (at < 1) return null;
    var better = suggestDomain(field, value.slice(at + 1));
    return better ? value.slice(0, at + 1) + better : null;
  }
  function useButton(field, hint, address) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = text("use-address", address);
    button.addEventListener("click", function () {
      field.value = address;
      hint.remove();
      field.focus();
    });
    hint.appendChild(document.createTextNode(" "));
    hint.appendChild(button);
  }
  each("input[data-typo-providers]", function (field) {
    var served = document.getElementById(field.id + "-typo");
    if (served && served.getAttribute("data-suggestion")) {
      useButton(field, served, served.getAttribute("data-suggestion"));
    }
    field.addEventListener("change", function () {
      var old = document.getElementById(field.id + "-typo");
      if (old) old.remove();
      var address = suggestAddress(field);
      if (!address) return;
      var hint = document.createElement("p");
      hint.className = "typo-hint";
      hint.id = field.id + "-typo";
      hint.setAttribute("role", "status");
      var strong = document.createElement("strong");
      strong.textContent = address;
      var parts = text("did-you-mean", "\u0000").split("\u0000");
      hint.appendChild(document.createTextNode(parts[0]));
      hint.appendChild(strong);
      hint.appendChild(document.createTextNode(parts[1] || ""));
      useButton(field, hint, address);
      field.insertAdjacentElement("afterend", hint);
    });
  });

  // 3. The visitor's own time beside an event's.
  var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  var lang = document.documentElement.lang || undefined;
  function clock(date, timeZone) {
    return new Intl.DateTimeFormat(lang, {hour: "2-digit", minute: "2-digit", hourCycle: "h23",
                                          timeZone: timeZone}).format(date);
  }
  function day(date, timeZone) {
    return new Intl.DateTimeFormat(lang, {weekday: "short", day: "numeric", month: "short",
                                          timeZone: timeZone}).format(date);
  }
  each("time[data-zone]", function (node) {
    var eventZone = node.getAttribute("data-zone");
    var start = new Date(node.getAttribute("datetime"));
    if (eventZone === zone || isNaN(start)) return;
    try {
      if (clock(start, eventZone) === clock(start, zone) &&
          day(start, eventZone) === day(start, zone)) return;
    } catch (error) {
      return;  // a zone this browser does not know
    }
    var yours = clock(start, zone);
    var end = node.getAttribute("data-end") && new Date(node.getAttribute("data-end"));
    if (end && !isNaN(end)) yours += "–" + clock(end, zone);
    if (day(start, eventZone) !== day(start, zone)) yours = day(start, zone) + ", " + yours;
    var span = document.createElement("span");
    span.className = "your-time";
    span.textContent = " " + text("your-time", yours);
    node.insertAdjacentElement("afterend", span);
  });
})();
