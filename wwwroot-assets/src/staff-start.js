// Starts Blazor on the interactive staff seats (App.razor loads blazor.web.js with autostart="false", then this file).
//
// Reconnection: a seat that lost the server tries again within a second, then at a jittered interval that doubles up
// to about 5 s and stays there for as long as the outage lasts (days), so that
//  - after a restart every seat is current again within a few seconds of the server answering (the framework's own
//    schedule grows to 30 s, and stops after 30 attempts);
//  - the hall's tablets and projectors do not all knock at the same instant (each waits a random part of its interval).
// When the server answers but no longer knows the seat's circuit (it was restarted), the framework reports "rejected"
// and ReconnectModal.razor.js reloads the page, which renders the meeting as it is now.
(function () {
    "use strict";

    const firstRetryMs = 500;     // the first retry comes after 0.5–1 s: a network blip heals before anyone notices
    const baseMs = 1000;          // then 0.5–1 s, 1–2 s, 2–4 s, 2.5–5 s, 2.5–5 s, …
    const capMs = 5000;
    const maxRetries = 100000;    // with at most 5 s apiece: days — the meeting must come back by itself

    /** Milliseconds to wait before the next attempt, given how many attempts were made (framework's callback). */
    function retryDelay(previousAttempts) {
        if (!(previousAttempts > 0)) {
            return Math.round(firstRetryMs + Math.random() * firstRetryMs);
        }
        const ceiling = Math.min(capMs, baseMs * Math.pow(2, Math.min(previousAttempts, 16) - 1));
        // "Equal jitter": between half and all of the ceiling — never a burst at 0, never in step with the others.
        return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    }

    // Read by ReconnectModal.razor.js (its own retries after "failed") and by the browser tests.
    window.doiThoaiSeat = Object.freeze({ retryDelay: retryDelay, maxRetries: maxRetries, capMs: capMs });

    // The tab's title: a live page renders it as a hidden [data-tab-title] marker (TabTitle.razor), since the head is
    // static; copy it whenever the page changes (interactive navigation, a meeting renamed).
    function syncTitle() {
        const marker = document.querySelector("[data-tab-title]");
        const title = marker ? marker.textContent.trim() : "";
        if (title && document.title !== title) {
            document.title = title;
        }
    }
    new MutationObserver(syncTitle).observe(document.body, { childList: true, subtree: true, characterData: true });

    Blazor.start({
        circuit: {
            reconnectionOptions: {
                maxRetries: maxRetries,
                retryIntervalMilliseconds: retryDelay,
            },
        },
    }).catch(function (error) {
        console.error("Blazor could not start:", error);
    });
})();
