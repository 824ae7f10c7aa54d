// Optional, for the website that shows our sign or RSVP form in an iframe: include this file,
// served from our site, with a deferred script tag (the organisers' Embeds page gives the
// exact tag), and each of our iframes gets the height of its form. It accepts messages only from the
// site this script came from, and only resizes iframes whose address is on that site and
// that sent the message. It reads and sends nothing else.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var ours = new URL(script.src, window.location.href).origin;
  window.addEventListener("message", function (event) {
    if (event.origin !== ours) return;
    var data = event.data;
    if (!data || data.type !== "campaign-embed:height" || typeof data.height !== "number") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try { origin = new URL(frame.src, window.location.href).origin; } catch (e) { continue; }
      if (origin !== ours) continue;
      frame.style.height = Math.max(120, Math.min(Math.round(data.height), 4000)) + "px";
    }
  });
})();
