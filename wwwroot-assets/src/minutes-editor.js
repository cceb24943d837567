// The secretary's live minutes (Mẫu 8) on a static page, over /api/minutes. Every keystroke is kept in localStorage
// until the server has confirmed it, so a reload, a dropped Wi-Fi or a server restart loses nothing. A save names the
// version it was typed over: when someone else saved in between, both versions are shown and the user chooses.
(function () {
  "use strict";
  var root = document.getElementById("minutes-root");
  if (!root) return;

  var SAVE_QUIET_MS = 1000, REFRESH_DEBOUNCE_MS = 300, TYPING_GRACE_MS = 3000, POLL_MS = 15000, AUTH_RETRY_MS = 30000;
  var TEXT = {
    typing: "Đang gõ — đã giữ trên máy này",
    saving: "Đang lưu…",
    saved: "Đã lưu ",
    offline: "Chưa gửi được — sẽ tự gửi lại khi có mạng",
    auth: "Phiên đăng nhập đã hết — hãy đăng nhập lại ở thẻ khác; nội dung vẫn được giữ trên máy này",
    conflict: "Có người khác vừa sửa phần này — hãy chọn bản giữ lại",
    noteSent: "Đã gửi chủ trì lúc ",
  };

  var meetingId = root.getAttribute("data-meeting-id");
  var api = "/api/minutes/" + meetingId;
  var storagePrefix = "doithoai:minutes:" + meetingId + ":";
  var list = document.getElementById("minutes-parts");
  var template = document.getElementById("minutes-part-template");
  var banner = document.getElementById("minutes-banner");
  var liveLabel = document.getElementById("minutes-live");
  var fields = new Map(); // key → state of one section's box
  var lastSequence = Number(root.getAttribute("data-sequence")) || 0;
  var floorKey = null, autoFocused = null;
  var lastTyped = { at: 0, key: null };

  // ---- storage: the draft of a box survives until the server has it ----
  function draftKey(key) { return storagePrefix + key; }
  function readDraft(key) {
    try { return JSON.parse(localStorage.getItem(draftKey(key)) || "null"); } catch (e) { return null; }
  }
  function writeDraft(key, value) {
    try {
      if (value) localStorage.setItem(draftKey(key), JSON.stringify(value));
      else localStorage.removeItem(draftKey(key));
    } catch (e) { /* storage full or blocked: the save to the server still runs */ }
  }

  // ---- small helpers ----
  function hallTime(iso, seconds) {
    // The hall keeps UTC+7 all year (Clock.VietnamOffset), whatever the device's own zone.
    var d = new Date(Date.parse(iso) + 7 * 3600 * 1000);
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return two(d.getUTCHours()) + ":" + two(d.getUTCMinutes()) + (seconds ? ":" + two(d.getUTCSeconds()) : "");
  }
  function label(key) { // mirrors MinutesEditorPart.Label
    if (key === "opening") return "Mở đầu";
    if (key === "closing") return "Kết thúc";
    var m = /^(opinion|answer)-(\d+)$/.exec(key);
    if (!m) return "";
    if (m[2] === "0") return "Ý kiến phát biểu";
    return (m[1] === "opinion" ? "Tóm tắt ý kiến số " : "Trả lời ý kiến số ") + m[2];
  }
  function isDiscussionBox(key) { return /^(opinion|answer)-[1-9]\d*$/.test(key); }
  function request(method, url, body, keepalive) {
    return fetch(url, {
      method: method, credentials: "same-origin", cache: "no-store", keepalive: !!keepalive,
      headers: body ? { "Content-Type": "application/json", Accept: "application/json" } : { Accept: "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) { return { status: r.status, ok: r.ok, body: json }; });
    });
  }
  function showBanner(text) { banner.textContent = text || ""; banner.hidden = !text; }
  function backoff(f) { f.retryDelay = Math.min(30000, f.retryDelay ? f.retryDelay * 2 : 2000); return f.retryDelay; }

  // ---- one box ----
  function Field(section) {
    var el = section.querySelector("textarea");
    var f = {
      section: section, el: el, key: el.getAttribute("data-minutes-key"),
      version: Number(el.getAttribute("data-version")) || 0,
      generated: el.getAttribute("data-generated") || "", // the generated text an unedited box shows (and a first edit is typed over)
      latestGenerated: el.getAttribute("data-generated") || "",
      savedText: el.value, // what the server holds at `version`
      generatedBase: null, // set by "Thêm vào" / "Bỏ qua": the generated text now reviewed
      additions: null, conflict: null, saving: false, again: false, timer: 0, retryTimer: 0, retryDelay: 0,
      noteInput: section.querySelector(".mp-note-input"), noteSending: false, noteRetry: 0, noteDelay: 0,
    };
    el.addEventListener("input", function () {
      lastTyped = { at: Date.now(), key: f.key };
      persist(f);
      if (f.conflict) { section.querySelector(".mp-mine").textContent = el.value; return; }
      status(f, TEXT.typing, "pending");
      clearTimeout(f.timer);
      f.timer = setTimeout(function () { save(f); }, SAVE_QUIET_MS);
    });
    el.addEventListener("blur", function () { if (dirty(f)) save(f); });
    section.addEventListener("click", function (e) {
      var action = e.target.getAttribute && e.target.getAttribute("data-action");
      if (action === "accept-additions") reviewAdditions(f, true);
      else if (action === "dismiss-additions") reviewAdditions(f, false);
      else if (action === "keep-mine") resolveConflict(f, true);
      else if (action === "use-theirs") resolveConflict(f, false);
      else if (action === "send-note") sendNote(f);
    });
    if (f.noteInput) {
      f.noteInput.addEventListener("input", function () {
        lastTyped = { at: Date.now(), key: f.key };
        // The same words keep their id (a retry may be on its way with it); other words are another note.
        var kept = readDraft("note:" + f.key);
        var text = f.noteInput.value;
        writeDraft("note:" + f.key, text ? { text: text, send: false, id: kept && kept.text === text.trim() ? kept.id : undefined } : null);
      });
      f.noteInput.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); sendNote(f); }
      });
    }
    fields.set(f.key, f);
    restore(f);
    return f;
  }

  // A draft left by a reload, a closed tab or a lost connection goes back in the box and is sent.
  function restore(f) {
    var note = readDraft("note:" + f.key);
    if (note && f.noteInput) {
      f.noteInput.value = note.text;
      if (note.send) sendNote(f);
    }
    var draft = readDraft(f.key);
    if (!draft) return;
    // Nothing new: the same text, and no reviewed additions waiting to be recorded.
    if (draft.text === f.el.value && (draft.baseVersion === 0 || !draft.generatedBase)) { writeDraft(f.key, null); return; }
    // Typed over the version in the draft: if the server moved on since, it answers with both versions (409).
    var serverVersion = f.version;
    f.el.value = draft.text;
    f.version = draft.baseVersion;
    if (draft.baseVersion === 0) f.generated = draft.generatedBase || f.generated;
    else f.generatedBase = draft.generatedBase || null;
    if (f.version !== serverVersion) f.savedText = null; // what the server holds at that version is unknown: send
    save(f);
  }

  function dirty(f) { return f.el.value !== f.savedText || f.generatedBase !== null; }

  function persist(f) {
    writeDraft(f.key, dirty(f) || f.conflict
      ? { text: f.el.value, baseVersion: f.version, generatedBase: f.version === 0 ? f.generated : f.generatedBase }
      : null);
  }

  function status(f, text, kind) {
    var s = f.section.querySelector(".mp-status");
    s.textContent = text || "";
    s.className = "mp-status" + (kind ? " " + kind : "");
  }

  function setEdited(f, edited) { f.el.setAttribute("data-edited", edited ? "true" : "false"); }

  // Replaces the text without moving the cursor of someone who is sitting in the box.
  function setText(f, text) {
    if (f.el.value === text) return;
    var focused = document.activeElement === f.el, start = f.el.selectionStart, end = f.el.selectionEnd;
    f.el.value = text;
    if (focused) f.el.setSelectionRange(Math.min(start, text.length), Math.min(end, text.length));
  }

  function save(f, keepalive) {
    clearTimeout(f.timer);
    clearTimeout(f.retryTimer);
    if (f.conflict || !dirty(f)) return;
    if (f.saving) { f.again = true; return; }
    var sent = {
      text: f.el.value, baseVersion: f.version,
      generatedBase: f.version === 0 ? f.generated : f.generatedBase,
    };
    f.saving = true;
    status(f, TEXT.saving, "pending");
    request("PUT", api + "/" + encodeURIComponent(f.key), sent, keepalive).then(function (r) {
      if (r.ok) return saved(f, sent, r.body.version, r.body.editedAt);
      if (r.status === 409) {
        // Our own earlier save may have landed without us hearing back (a reload, a dropped answer): same text, no conflict.
        if (r.body.theirText === sent.text.replace(/\r\n/g, "\n")) return saved(f, sent, r.body.theirVersion, r.body.editedAt);
        return showConflict(f, r.body);
      }
      if (r.status === 401 || r.status === 403) {
        status(f, r.status === 401 ? TEXT.auth : r.body.message || TEXT.auth, "error");
        showBanner(r.status === 401 ? TEXT.auth : r.body.message);
        f.retryTimer = setTimeout(function () { save(f); }, AUTH_RETRY_MS); // succeeds once signed in again in another tab
        return;
      }
      if (r.status >= 400 && r.status < 500) { status(f, r.body.message || "Máy chủ không nhận phần này.", "error"); return; }
      throw new Error("HTTP " + r.status);
    }).catch(function () {
      status(f, TEXT.offline, "error");
      f.retryTimer = setTimeout(function () { save(f); }, backoff(f));
    }).then(function () {
      f.saving = false;
      if (f.again) { f.again = false; save(f); }
    });
  }

  function saved(f, sent, version, editedAt) {
    f.version = version;
    f.savedText = sent.text;
    f.retryDelay = 0;
    if (f.generatedBase === sent.generatedBase) f.generatedBase = null;
    f.el.setAttribute("data-version", String(version));
    setEdited(f, true);
    persist(f); // clears the draft unless more was typed meanwhile
    status(f, TEXT.saved + hallTime(editedAt, true));
    if (banner.textContent === TEXT.auth) showBanner("");
    if (dirty(f)) f.again = true;
  }

  function showConflict(f, c) {
    f.conflict = c;
    var box = f.section.querySelector(".mp-conflict");
    box.querySelector(".mp-conflict-message").textContent = c.message || TEXT.conflict;
    box.querySelector(".mp-theirs-caption").textContent = "Bản của " + c.editedBy + " (lưu lúc " + hallTime(c.editedAt, true) + ")";
    box.querySelector(".mp-theirs").textContent = c.theirText;
    box.querySelector(".mp-mine").textContent = f.el.value;
    box.hidden = false;
    status(f, TEXT.conflict, "error");
    persist(f);
  }

  function resolveConflict(f, keepMine) {
    var c = f.conflict;
    if (!c) return;
    f.conflict = null;
    f.section.querySelector(".mp-conflict").hidden = true;
    f.version = c.theirVersion;
    f.generatedBase = null;
    f.el.setAttribute("data-version", String(c.theirVersion));
    setEdited(f, true);
    status(f, "");
    if (keepMine) {
      f.savedText = c.theirText;
      persist(f);
      save(f);
    } else {
      f.el.value = f.savedText = c.theirText;
      persist(f);
      status(f, "Đã dùng bản của " + c.editedBy);
    }
  }

  function showAdditions(f, additions) {
    f.additions = additions;
    var box = f.section.querySelector(".mp-additions");
    box.querySelector(".mp-additions-text").textContent = additions || "";
    box.hidden = !additions;
  }

  // "Thêm vào" appends the new lines; "Bỏ qua" keeps the text. Either way the generated text is now reviewed.
  function reviewAdditions(f, append) {
    if (!f.additions) return;
    if (append) f.el.value = f.el.value.replace(/\s+$/, "") + (f.el.value.trim() ? "\n" : "") + f.additions;
    f.generatedBase = f.latestGenerated;
    showAdditions(f, null);
    persist(f);
    save(f);
  }

  // ---- notes for the chair (a staff note on the opinion, shown on the chair's tablet) ----
  function sendNote(f) {
    var text = f.noteInput.value.trim();
    if (!text || f.noteSending) return;
    // One id per note, kept with the draft: a retry (or a reload) after a lost reply sends the same note again and
    // the server answers with the one it already has instead of posting a second.
    var kept = readDraft("note:" + f.key);
    var id = kept && kept.id && kept.text === text ? kept.id : newId();
    writeDraft("note:" + f.key, { text: text, send: true, id: id });
    f.noteSending = true;
    clearTimeout(f.noteRetry);
    noteStatus(f, "Đang gửi…", "pending");
    request("POST", api + "/" + encodeURIComponent(f.key) + "/note", { text: text, id: id }).then(function (r) {
      if (r.status >= 500) throw new Error("HTTP " + r.status);
      if (!r.ok) {
        writeDraft("note:" + f.key, { text: text, send: false, id: id });
        noteStatus(f, r.status === 401 ? TEXT.auth : r.body.message || "Không gửi được ghi chú.", "error");
        return;
      }
      writeDraft("note:" + f.key, null);
      if (f.noteInput.value.trim() === text) f.noteInput.value = "";
      var item = document.createElement("li");
      item.innerHTML = "<time></time> ";
      item.firstChild.textContent = hallTime(r.body.at, false);
      item.appendChild(document.createTextNode(text));
      f.section.querySelector(".mp-notes").appendChild(item);
      f.noteDelay = 0;
      noteStatus(f, TEXT.noteSent + hallTime(r.body.at, true));
    }).catch(function () {
      noteStatus(f, TEXT.offline, "error");
      f.noteDelay = Math.min(30000, f.noteDelay ? f.noteDelay * 2 : 2000);
      f.noteRetry = setTimeout(function () { sendNote(f); }, f.noteDelay);
    }).then(function () { f.noteSending = false; });
  }

  // crypto.randomUUID exists only on https or localhost; the hall's LAN address is plain http.
  function newId() {
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function noteStatus(f, text, kind) {
    var s = f.section.querySelector(".mp-note-status");
    s.textContent = text;
    s.className = "mp-note-status" + (kind ? " " + kind : "");
  }

  // ---- following the meeting ----
  function newSection(part) {
    var section = template.content.firstElementChild.cloneNode(true);
    var el = section.querySelector("textarea");
    section.setAttribute("data-part", part.key);
    section.setAttribute("data-secretary-writes", part.secretaryWrites ? "true" : "false");
    section.querySelector(".mp-label label").textContent = label(part.key);
    section.querySelector(".mp-label label").setAttribute("for", "mp-" + part.key);
    el.id = "mp-" + part.key;
    el.setAttribute("data-minutes-key", part.key);
    el.setAttribute("data-version", String(part.version));
    el.setAttribute("data-edited", part.edited ? "true" : "false");
    el.setAttribute("data-generated", part.generated);
    el.setAttribute("aria-label", label(part.key) || part.heading);
    el.value = part.text;
    section.querySelector(".mp-note").hidden = !isDiscussionBox(part.key);
    return section;
  }

  function update(f, part) {
    var heading = f.section.querySelector(".mp-heading");
    heading.textContent = part.heading;
    heading.hidden = !part.heading;
    f.latestGenerated = part.generated;
    // Never under the user's fingers: a box with unsaved text or an open conflict keeps what it has.
    if (!dirty(f) && !f.conflict && !f.saving) {
      setText(f, part.text);
      f.savedText = part.text;
      f.version = part.version;
      f.generated = part.generated;
      f.el.setAttribute("data-version", String(part.version));
      f.el.setAttribute("data-generated", part.generated);
      setEdited(f, part.edited);
    }
    showAdditions(f, part.version === f.version && f.generatedBase === null ? part.additions : null);
  }

  function apply(data) {
    lastSequence = Math.max(lastSequence, data.sequence);
    var previous = null, keys = new Set();
    data.parts.forEach(function (part) {
      keys.add(part.key);
      var f = fields.get(part.key);
      if (!f) {
        var section = newSection(part);
        if (previous) previous.after(section); else list.prepend(section);
        f = Field(section);
      }
      update(f, part);
      previous = f.section;
    });
    // A section the minutes no longer have (e.g. "no opinions" once one is raised) goes, unless it holds unsaved text.
    fields.forEach(function (f, key) {
      if (!keys.has(key) && !dirty(f) && !f.conflict) { f.section.remove(); fields.delete(key); }
    });
    followFloor(data.floorOpinionNumber, data.floorKind);
  }

  // Quick capture: the cursor goes to the box of whoever has the floor, unless the user is typing somewhere else.
  // Each box is jumped to once: the same opinion coming back (its answer turn) must not pull the cursor back.
  function followFloor(number, kind) {
    var key = number ? ((kind === "Department" || kind === "Chair") ? "answer-" : "opinion-") + number : null;
    if (key === floorKey) return;
    floorKey = key;
    fields.forEach(function (f) { f.section.classList.toggle("floor", f.key === key); });
    if (!key || key === autoFocused || (Date.now() - lastTyped.at < TYPING_GRACE_MS && lastTyped.key !== key)) return;
    if (focusBox(key)) autoFocused = key;
  }

  function focusBox(key) {
    var f = fields.get(key);
    if (!f) return false;
    f.el.focus({ preventScroll: true });
    f.el.setSelectionRange(f.el.value.length, f.el.value.length);
    f.section.scrollIntoView({ block: "center" });
    return true;
  }

  var refreshing = false, refreshAgain = false, refreshTimer = 0;
  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, REFRESH_DEBOUNCE_MS);
  }
  function refresh() {
    if (refreshing) { refreshAgain = true; return; }
    refreshing = true;
    request("GET", api).then(function (r) {
      if (r.status === 401) showBanner(TEXT.auth);
      else if (r.ok) { if (banner.textContent === TEXT.auth) showBanner(""); apply(r.body); }
    }).catch(function () { /* the hub or the poll tries again */ }).then(function () {
      refreshing = false;
      if (refreshAgain) { refreshAgain = false; refresh(); }
    });
  }

  var pollTimer = 0;
  function setLive(on) {
    liveLabel.textContent = on ? "● Đang cập nhật trực tiếp" : "Mất kết nối trực tiếp — vẫn tự cập nhật mỗi 15 giây";
    liveLabel.className = "minutes-live" + (on ? " on" : "");
    clearInterval(pollTimer);
    if (!on) pollTimer = setInterval(refresh, POLL_MS);
  }

  function connect() {
    if (!window.signalR) { setLive(false); return; }
    var connection = new signalR.HubConnectionBuilder().withUrl("/hubs/meeting")
      .withAutomaticReconnect([0, 2000, 5000, 10000, 20000, 30000]).build();
    connection.on("MeetingChanged", function (change) { if (change.sequence > lastSequence) scheduleRefresh(); });
    // Another editor saved a section: fetch it (a box with nothing unsaved shows their text; one being typed in keeps it).
    connection.on("MinutesEdited", function (edit) {
      var f = fields.get(edit.key);
      // Our own save's echo can arrive before its reply: nothing to fetch then.
      if (!f || (!f.saving && edit.version > f.version)) scheduleRefresh();
    });
    function follow() {
      return connection.invoke("FollowStaff", meetingId, lastSequence).then(function () { setLive(true); scheduleRefresh(); });
    }
    function start() {
      connection.start().then(follow).catch(function () {
        setLive(false);
        // Started but not followed: stop, and onclose schedules the next try.
        if (connection.state === "Disconnected") setTimeout(start, POLL_MS); else connection.stop();
      });
    }
    connection.onreconnecting(function () { setLive(false); });
    connection.onreconnected(function () { follow().catch(function () { setLive(false); }); });
    connection.onclose(function () { setLive(false); setTimeout(start, POLL_MS); });
    start();
  }

  // ---- keyboard ----
  function moveBox(step) {
    var boxes = Array.prototype.filter.call(list.querySelectorAll("textarea"), function (t) {
      return isDiscussionBox(t.getAttribute("data-minutes-key"));
    });
    if (boxes.length === 0) return;
    var all = Array.prototype.slice.call(list.querySelectorAll("textarea"));
    var at = all.indexOf(document.activeElement);
    var next = step > 0
      ? boxes.filter(function (b) { return all.indexOf(b) > at; })[0]
      : boxes.filter(function (b) { return at < 0 || all.indexOf(b) < at; }).pop();
    if (next) focusBox(next.getAttribute("data-minutes-key"));
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      moveBox(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyN") {
      e.preventDefault();
      if (!floorKey || !focusBox(floorKey)) showBanner("Chưa có ý kiến nào đang được phát biểu.");
      else if (banner.textContent === "Chưa có ý kiến nào đang được phát biểu.") showBanner("");
    } else if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      fields.forEach(function (f) { if (dirty(f)) save(f); });
    }
  });

  function flushAll() { fields.forEach(function (f) { if (dirty(f)) { f.retryDelay = 0; save(f); } }); }
  window.addEventListener("online", function () {
    flushAll();
    fields.forEach(function (f) {
      var note = readDraft("note:" + f.key);
      if (note && note.send) { f.noteDelay = 0; sendNote(f); }
    });
    refresh();
  });
  // Leaving with a save still waiting for its quiet second: send it now (the draft stays until a later page confirms).
  window.addEventListener("pagehide", function () {
    fields.forEach(function (f) { if (dirty(f) && !f.saving && !f.conflict) save(f, true); });
  });

  // ---- start: the server's boxes (each takes back what this device typed and the server has not confirmed) ----
  Array.prototype.forEach.call(list.querySelectorAll(".mp"), Field);
  var floor = Number(root.getAttribute("data-floor-opinion")) || null;
  followFloor(floor, null);
  connect();
  root.setAttribute("data-ready", "true");
})();
