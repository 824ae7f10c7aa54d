// Inside an embed frame: tell the page around us how tall we are, so that its optional
// embed-resize.js can fit the iframe. Only a height is sent (nothing personal), so any
// parent may read it; without embed-resize.js on the host nothing happens.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function post() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({type: "campaign-embed:height", height: height}, "*");
  }
  window.addEventListener("load", post);
  if ("ResizeObserver" in window) new ResizeObserver(post).observe(document.documentElement);
  else window.addEventListener("resize", post);
})();
