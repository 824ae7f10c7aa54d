// The door's scanner: reads a ticket's QR code with the camera (the browser's BarcodeDetector,
// else the vendored jsQR) and checks its holder in. Every scan is kept in localStorage until
// the server has answered it, so a bad connection loses nothing: what is kept is sent again
// when the browser is back online (the server counts a scan sent twice once).
// Without this script the page still works: the typed code is posted as a form.
(function () {
  "use strict";
  var root = document.getElementById("scanner");
  if (!root || !window.fetch || !window.localStorage || !window.JSON) return;
  var strings = JSON.parse(document.getElementById("scanner-strings").textContent);
  var storeKey = "door-scans:" + root.dataset.event;
  var resultBox = document.getElementById("scan-result");
  var queueBox = document.getElementById("scan-queue");
  var log = document.getElementById("scan-log");
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(root.dataset.lang) : null;
  var syncing = false, again = false, shownId = null;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || []; } catch (e) { return []; }
  }

  function save(queue) {
    localStorage.setItem(storeKey, JSON.stringify(queue));
    showQueue(queue);
  }

  function counted(forms, number) {
    var form = forms[plural ? plural.select(number) : "other"] || forms.other ||
               forms[Object.keys(forms)[0]];
    return form.replace("%(num)d", number);
  }

  function showQueue(queue) {
    queue = queue || load();
    queueBox.hidden = queue.length === 0;
    queueBox.textContent = queue.length ? counted(strings.waiting, queue.length) : "";
  }

  // Offline, a ticket is recognised by its fingerprint (tickets.fingerprint on the server):
  // the volunteer sees whose it is before the server has answered.
  var roster = {};
  JSON.parse(document.getElementById("scanner-roster").textContent).forEach(function (row) {
    roster[row[0]] = row;
  });

  function normalise(text) {
    var code = String(text).replace(/[\s-]/g, "").toUpperCase()
      .replace(/O/g, "0").replace(/[IL]/g, "1");
    return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(code) ? code : null;
  }

  function fingerprint(text) {
    var code = normalise(text);
    if (!code || !window.crypto || !crypto.subtle || !window.TextEncoder) return Promise.resolve(null);
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(code)).then(function (digest) {
      return Array.prototype.map.call(new Uint8Array(digest).slice(0, 8), function (byte) {
        return ("0" + byte.toString(16)).slice(-2);
      }).join("");
    });
  }

  function showSaved(scan) {
    var earlier = load().filter(function (other) {
      return other.at < scan.at && normalise(other.code) && normalise(other.code) === normalise(scan.code);
    });
    fingerprint(scan.code).catch(function () { return null; }).then(function (print) {
      if (shownId !== scan.id) return;  // the next scan is already on the screen
      var row = print && roster[print];
      if (!row) {
        show({tone: "warn", headline: strings.saved,
              detail: strings.not_listed + ". " + strings.saved_detail}, scan.id);
        return;
      }
      var guests = row[2] ? counted(strings.guests, row[2]) : strings.no_guests;
      show({tone: earlier.length ? "warn" : "ok",
            headline: (earlier.length ? strings.already : strings.known).replace("%(name)s", row[1]),
            detail: guests + " — " + strings.saved + ". " + strings.saved_detail}, scan.id);
    });
  }

  function show(result, id) {
    shownId = id || null;
    resultBox.className = "scan-result tone-" + result.tone;
    resultBox.textContent = "";
    [["headline", result.headline], ["detail", result.detail]].forEach(function (part) {
      var p = document.createElement("p");
      p.className = part[0];
      p.textContent = part[1] || "";
      resultBox.appendChild(p);
    });
  }

  function addToLog(result) {
    var item = document.createElement("li");
    item.className = "tone-" + result.tone;
    item.textContent = result.headline + (result.detail ? " — " + result.detail : "");
    log.insertBefore(item, log.firstChild);
    while (log.children.length > 20) log.removeChild(log.lastChild);
    document.getElementById("scan-log-section").hidden = false;
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now() + "-" + Math.random().toString(36).slice(2);
  }

  function scanned(code) {
    var id = newId(), queue = load();
    queue.push({id: id, code: code, at: new Date().toISOString()});
    save(queue);
    show({tone: "wait", headline: "…", detail: ""}, id);
    sync();
  }

  function sync() {
    var queue = load();
    if (!queue.length) return;
    if (syncing) { again = true; return; }
    syncing = true;
    fetch(root.dataset.syncUrl, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: {"Content-Type": "application/json", "Accept": "application/json",
                "X-CSRFToken": root.dataset.csrf},
      body: JSON.stringify({scans: queue})
    }).then(function (response) {
      // Signed out (a redirect to the sign-in page), refused, or an expired CSRF token.
      if (response.type === "opaqueredirect" || [400, 401, 403].indexOf(response.status) >= 0) {
        throw {reload: true};
      }
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (data) {
      var answered = {};
      data.results.forEach(function (result) { answered[result.id] = result; addToLog(result); });
      // Scans made while this batch was on its way stay for the next one.
      save(load().filter(function (scan) { return !answered[scan.id]; }));
      if (shownId && answered[shownId]) show(answered[shownId]);
      var total = document.querySelector('[data-total="checked_in"]');
      if (total) total.textContent = data.checked_in;
    }).catch(function (error) {
      if (error && error.reload) show({tone: "bad", headline: strings.reload, detail: ""});
      else {
        var kept = load().filter(function (scan) { return scan.id === shownId; })[0];
        if (kept) showSaved(kept);
      }
    }).then(function () {
      syncing = false;
      showQueue();
      if (again) { again = false; if (navigator.onLine !== false) sync(); }
    });
  }

  // Typed codes go the same way as scanned ones.
  var form = document.getElementById("scan-form");
  form.addEventListener("submit", function (event) {
    var input = form.querySelector('input[name="code"]');
    var code = input.value.trim();
    if (!code) return;  // the server says what is missing
    event.preventDefault();
    input.value = "";
    scanned(code);
    input.focus();
  });

  // The camera.
  var cameraBox = root.querySelector(".scanner-camera");
  var video = document.getElementById("scan-video");
  var startButton = document.getElementById("scan-start");
  var hint = document.getElementById("scan-hint");
  var lastCode = null, lastSeen = 0;

  function loadJsQR() {
    return new Promise(function (resolve, reject) {
      if (window.jsQR) { resolve(window.jsQR); return; }
      var script = document.createElement("script");
      script.src = root.dataset.decoder;
      script.onload = function () { resolve(window.jsQR); };
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function (jsQR) {
      var canvas = document.createElement("canvas");
      var context = canvas.getContext("2d", {willReadFrequently: true});
      return function (source) {
        var width = source.videoWidth, height = source.videoHeight;
        if (!width || !height) return Promise.resolve(null);
        var scale = Math.min(1, 800 / Math.max(width, height));
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        context.drawImage(source, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var found = jsQR(image.data, image.width, image.height, {inversionAttempts: "dontInvert"});
        return Promise.resolve(found ? found.data : null);
      };
    });
  }

  function chooseDecoder() {
    if (!("BarcodeDetector" in window)) return loadJsQR();
    return BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") < 0) return loadJsQR();
      var detector = new BarcodeDetector({formats: ["qr_code"]});
      return function (source) {
        return detector.detect(source).then(function (codes) {
          return codes.length ? codes[0].rawValue : null;
        });
      };
    }, loadJsQR);
  }

  function watch(decode) {
    decode(video).then(function (code) {
      var now = Date.now();
      if (code) {
        // A ticket held in front of the camera is read many times a second: once is enough
        // until it has been out of sight for a few seconds.
        if (code !== lastCode || now - lastSeen > 4000) scanned(code);
        lastCode = code;
        lastSeen = now;
      }
    }).catch(function () {}).then(function () {
      setTimeout(function () { watch(decode); }, 150);
    });
  }

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    cameraBox.hidden = false;
    // Loaded now, while the page is online: the camera may well be started offline.
    var decoder = chooseDecoder();
    decoder.catch(function () {});
    startButton.addEventListener("click", function () {
      startButton.disabled = true;
      decoder.then(function (decode) {
        return navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false})
          .then(function (stream) {
            video.srcObject = stream;
            video.hidden = false;
            startButton.hidden = true;
            hint.textContent = strings.scanning;
            return video.play();
          }, function (error) { throw {camera: error}; })
          .then(function () { watch(decode); });
      }).catch(function (error) {
        hint.textContent = error && error.camera ? strings.no_camera : strings.no_decoder;
        startButton.disabled = false;
      });
    });
  }

  window.addEventListener("online", sync);
  setInterval(function () { if (navigator.onLine !== false) sync(); }, 15000);
  showQueue();
  sync();  // what a previous visit of this page kept
})();
