// The seat's reconnect banner (see ReconnectModal.razor). Blazor's reconnection loop (its schedule is set in
// staff-start.js) drives it through "components-reconnect-state-changed" events. A seat must come back by itself:
// a projector or a chair busy with the hall has no hand free for a "retry" button.
const banner = document.getElementById("components-reconnect-modal");
banner.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);

let reloadScheduled = false;

// The same capped, jittered schedule as the framework's loop (staff-start.js); a fallback if that file is missing.
function retryDelay(previousAttempts) {
    const seat = window.doiThoaiSeat;
    return seat ? seat.retryDelay(previousAttempts) : 2500 + Math.random() * 2500;
}

// Neither showModal() (a curtain over the chair's tablet) nor show() (it moves the focus, e.g. out of a field being
// typed in): the open attribute alone shows the banner and leaves the page as it was.
function showBanner() {
    banner.setAttribute("open", "");
}

function hideBanner() {
    banner.removeAttribute("open");
}

function handleReconnectStateChanged(event) {
    switch (event.detail.state) {
        case "show":
            showBanner();
            break;
        case "hide":
            hideBanner();
            break;
        case "failed":
            // Only after the framework's many attempts (staff-start.js): keep trying by ourselves.
            document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
            setTimeout(retry, retryDelay(4));
            break;
        case "rejected":
        case "resume-failed":
            // The server answers but no longer holds this seat's circuit (it restarted): a fresh page is current.
            reloadSoon();
            break;
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    try {
        // true: reconnected; false: the server answered but rejected the circuit; an exception: no server yet.
        const successful = await Blazor.reconnect();
        if (!successful) {
            const resumed = await Blazor.resumeCircuit();
            if (resumed) {
                hideBanner();
            } else {
                reloadSoon();
            }
        }
    } catch (err) {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
        setTimeout(retry, retryDelay(4));
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            reloadSoon();
        }
    } catch {
        banner.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}

// Reloads once the server serves pages again, after a short random pause so a restarted server is not asked for every
// seat's page in the same instant. A reload into a dead server would leave the browser's error page, which never
// comes back by itself: ask first, and keep asking on the same capped schedule.
function reloadSoon() {
    if (reloadScheduled) return;
    reloadScheduled = true;
    banner.classList.add("components-reconnect-rejected");
    showBanner();
    setTimeout(() => reloadWhenServerAnswers(0), 200 + Math.random() * 1300);
}

async function reloadWhenServerAnswers(attempt) {
    try {
        const answer = await fetch(location.href, { method: "HEAD", cache: "no-store", credentials: "same-origin" });
        if (answer.status < 500) {
            location.reload();
            return;
        }
    } catch {
        // No server yet.
    }
    setTimeout(() => reloadWhenServerAnswers(attempt + 1), retryDelay(attempt + 1));
}
