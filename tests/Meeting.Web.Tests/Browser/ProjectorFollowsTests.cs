using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests.Browser;

/// <summary>The hall projector is a kiosk nobody touches: a reload must land on the present, and it must keep following.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectorFollowsTests(BrowserHall hall)
{
    [Fact]
    public async Task Projector_reloaded_mid_turn_shows_the_current_speaker_and_keeps_following_the_chair()
    {
        var meeting = await hall.NewMeetingAsync();
        var id = meeting.Id;
        await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.GoToStep(5, now, confirmGoingBack: false));
        var head = meeting.QueuedRequests()[0];

        await using var seats = new Seats(hall, nameof(Projector_reloaded_mid_turn_shows_the_current_speaker_and_keeps_following_the_chair));
        await seats.RunAsync(async () =>
        {
            var chair = await seats.OpenAsync("chair", $"/chair/{id}", Seats.TabletWidth, Seats.TabletHeight, "chutri", interactive: true);
            var projector = await seats.OpenAsync("projector", hall.ProjectorPath(id), Seats.ProjectorWidth, Seats.ProjectorHeight, interactive: true);

            await chair.Locator("[data-testid=call-next]").ClickAsync();
            await Expect(projector.Locator("[data-testid=projector-speaker]")).ToHaveTextAsync(head.Name);
            await chair.Locator("[data-testid=start-timer]").ClickAsync();
            await Expect(chair.Locator("[data-testid=pause-timer]")).ToBeVisibleAsync();
            // The tablet at 1280×800: the turn's clock, its end and the next call without scrolling.
            await AssertOnFirstScreenAsync(chair, "countdown", "pause-timer", "finish-turn", "call-next");

            // Mid-turn, someone reloads the projector's browser (or the PC behind it restarts).
            await projector.ReloadAsync();
            await BrowserHall.WaitInteractiveAsync(projector);
            await Expect(projector.Locator("[data-testid=projector-speaker]")).ToHaveTextAsync(head.Name);
            await Expect(projector.Locator("[data-testid=projector-place]")).ToHaveTextAsync(head.Place);
            await Expect(projector.Locator("[data-testid=projector-countdown] .timer-state")).ToHaveCountAsync(0);

            // …and it still follows: the chair ends the turn and calls the lead department already assigned.
            await chair.Locator("[data-testid=finish-turn]").ClickAsync();
            await Expect(chair.Locator("[data-testid=floor-free]")).ToBeVisibleAsync();
            // Once the turn ends: the answer, the departments, every outcome and the next call, without scrolling.
            await AssertOnFirstScreenAsync(chair, "answer-by-chair", "pick-departments", "call-department", "outcome-answered",
                "outcome-written", "outcome-forwarded", "outcome-outoftopic", "call-next");
            await chair.Locator("[data-testid=call-department]", new() { HasTextString = "Phòng Kinh tế" }).ClickAsync();
            await Expect(projector.Locator("[data-testid=projector-answerer]")).ToHaveTextAsync("Phòng Kinh tế");
            await Expect(projector.Locator("[data-testid=projector-asker]")).ToContainTextAsync(head.Name);

            // A department assigned during the answer shows on the reloaded projector when it is called in turn.
            await chair.Locator("[data-testid=finish-turn]").ClickAsync();
            await Expect(chair.Locator("[data-testid=floor-free]")).ToBeVisibleAsync();
            await chair.Locator("[data-testid=pick-departments]").ClickAsync();
            await chair.Locator("[data-testid=department-chip]", new() { HasTextString = "Công an xã" }).ClickAsync();
            await chair.Locator("[data-testid=assign-department]").ClickAsync();
            // The chips close once assigned: two departments to call and the outcomes still on the first screen.
            await Expect(chair.Locator("[data-testid=department-picker]")).ToHaveCountAsync(0);
            await AssertOnFirstScreenAsync(chair, "call-department", "outcome-answered", "outcome-outoftopic", "call-next");
            await chair.Locator("[data-testid=call-department]", new() { HasTextString = "Công an xã" }).ClickAsync();
            await Expect(projector.Locator("[data-testid=projector-answerer]")).ToHaveTextAsync("Công an xã");
            await chair.Locator("[data-testid=finish-turn]").ClickAsync();
            await Expect(chair.Locator("[data-testid=floor-free]")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Reorder_on_the_chair_page_changes_the_projectors_next_three_without_reload()
    {
        var meeting = await hall.NewMeetingAsync();
        var id = meeting.Id;
        await hall.App.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        var queue = meeting.QueuedRequests();
        Assert.True(queue.Count >= 5, $"The demo meeting should queue at least 5 requests, has {queue.Count}.");
        var fifth = queue[4];

        await using var seats = new Seats(hall, nameof(Reorder_on_the_chair_page_changes_the_projectors_next_three_without_reload));
        await seats.RunAsync(async () =>
        {
            var chair = await seats.OpenAsync("chair", $"/chair/{id}", Seats.TabletWidth, Seats.TabletHeight, "chutri", interactive: true);
            // On the 1280×800 tablet every button is a finger wide: 48 px each way, the step pencils too.
            var small = await chair.Locator("[data-testid=chair-page]").EvaluateAsync<string[]>(
                "page => [...page.querySelectorAll('button')].filter(b => b.offsetParent !== null)"
                + ".map(b => [b.getBoundingClientRect(), (b.getAttribute('data-testid') || b.getAttribute('aria-label') || b.innerText).trim()])"
                + ".filter(([r]) => r.width < 47.5 || r.height < 47.5).map(([r, name]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`)");
            Assert.True(small.Length == 0, "Buttons smaller than 48 px on the chair's tablet: " + string.Join("; ", small));
            // Its dialogs too: the way out is an outlined button a finger wide, not a line of text.
            await chair.Locator("[data-testid=priority-turn]").ClickAsync();
            var cancel = chair.Locator(".mud-dialog [data-testid=dialog-cancel]");
            await Expect(cancel).ToBeVisibleAsync();
            // Measured once the dialog has finished growing in.
            await Seats.WaitForStillAsync(chair);
            var dialogButtons = await chair.Locator(".mud-dialog .mud-dialog-actions").EvaluateAsync<string[]>(
                "actions => [...actions.querySelectorAll('button')].map(b => [b.getBoundingClientRect(), getComputedStyle(b), b.innerText.trim()])"
                + ".map(([r, style, name]) => [r, style.borderStyle === 'none' && style.backgroundColor === 'rgba(0, 0, 0, 0)', name])"
                + ".filter(([r, bare]) => r.height < 47.5 || r.width < 47.5 || bare).map(([r, bare, name]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}${bare ? ', text only' : ''}`)");
            Assert.True(dialogButtons.Length == 0, "Dialog buttons too small or text only: " + string.Join("; ", dialogButtons));
            await cancel.ClickAsync();
            await Expect(chair.Locator(".mud-dialog")).ToHaveCountAsync(0);
            var projector = await seats.OpenAsync("projector", hall.ProjectorPath(id), Seats.ProjectorWidth, Seats.ProjectorHeight, interactive: true);
            var next = projector.Locator("[data-testid=projector-next-item] .next-name");
            await Expect(next).ToHaveTextAsync([queue[0].Name, queue[1].Name, queue[2].Name]);
            // At 1920×1080 the three are inside the box, whole: not cut by its bottom edge, no name cut short.
            var fit = await projector.Locator("[data-testid=projector-next]").EvaluateAsync<double[]>(
                "box => { const b = box.getBoundingClientRect(); const items = [...box.querySelectorAll('[data-testid=projector-next-item]')];"
                + " const names = [...box.querySelectorAll('.next-name')];"
                + " return [box.scrollHeight - box.clientHeight, Math.max(...items.map(i => i.getBoundingClientRect().bottom)) - b.bottom,"
                + " Math.max(...names.map(n => n.scrollWidth - n.clientWidth))]; }");
            Assert.True(fit[0] <= 0 && fit[1] <= 0, $"The next speakers overflow their box by {fit[0]} px (last item {fit[1]} px below it).");
            Assert.True(fit[2] <= 0, $"A next speaker's name is cut short by {fit[2]} px.");

            // The fifth goes to the head: the projector's "Tiếp theo" shows them first and drops the old third.
            await chair.Locator($"[data-testid=queue-item][data-request-number='{fifth.Number}'] [data-testid=move-top]").ClickAsync();
            await Expect(next).ToHaveTextAsync([fifth.Name, queue[0].Name, queue[1].Name]);

            // One step down the list, with the arrow: the first two swap on the projector too.
            await Expect(chair.Locator("[data-testid=queue-item]").First).ToHaveAttributeAsync("data-request-number", fifth.Number.ToString());
            await chair.Locator("[data-testid=queue-item]").First.Locator("[data-testid=move-down]").ClickAsync();
            await Expect(next).ToHaveTextAsync([queue[0].Name, fifth.Name, queue[1].Name]);

            // A drag of the third card onto the first: it takes the first place, the others keep their order, and the
            // projector shows the chair's new order.
            var items = chair.Locator("[data-testid=queue-item]");
            var names = chair.Locator("[data-testid=queue-item] [data-testid=queue-name]");
            await Expect(names).ToHaveTextAsync([queue[0].Name, fifth.Name, queue[1].Name, queue[2].Name, queue[3].Name, .. queue.Skip(5).Select(r => r.Name)]);
            await DragAsync(chair, items.Nth(2), items.Nth(0));
            await Expect(names).ToHaveTextAsync([queue[1].Name, queue[0].Name, fifth.Name, queue[2].Name, queue[3].Name, .. queue.Skip(5).Select(r => r.Name)]);
            var chairTopThree = (await names.AllInnerTextsAsync()).Take(3).Select(n => n.Trim()).ToArray();
            await Expect(next).ToHaveTextAsync(chairTopThree);
        });
    }

    /// <summary>
    /// Every element with these test ids lies whole within the tablet's first screen (the page scrolled to its top):
    /// what the chair needs for the turn is never below the fold.
    /// </summary>
    private static async Task AssertOnFirstScreenAsync(IPage chair, params string[] testIds)
    {
        await chair.EvaluateAsync("() => window.scrollTo(0, 0)");
        var below = await chair.EvaluateAsync<string[]>(
            "ids => ids.flatMap(id => { const found = [...document.querySelectorAll(`[data-testid=${id}]`)];"
            + " if (found.length === 0) return [`${id}: missing`];"
            + " return found.map(e => e.getBoundingClientRect()).filter(r => r.bottom > innerHeight || r.height === 0)"
            + ".map(r => `${id}: ${Math.round(r.top)}–${Math.round(r.bottom)} px`); })", testIds);
        Assert.True(below.Length == 0,
            $"Below the first {Seats.TabletHeight} px of the chair's tablet (or not shown): {string.Join("; ", below)}");
    }

    /// <summary>
    /// HTML5 drag events dispatched by hand, in the order a browser sends them. Playwright 1.64's own DragToAsync and
    /// mouse down/move/up produce no drag event at all in Debian's chromium 156, so a real drag cannot be played here.
    /// Blazor handles a circuit's events in order, so each handler has run before the next event is processed.
    /// </summary>
    private static async Task DragAsync(IPage page, ILocator source, ILocator target)
    {
        var from = (await source.BoundingBoxAsync())!;
        var to = (await target.BoundingBoxAsync())!;
        var transfer = await page.EvaluateHandleAsync("() => new DataTransfer()");
        var dragItem = source; // the queue card itself is draggable
        var start = new Dictionary<string, object> { ["dataTransfer"] = transfer, ["clientX"] = (int)from.X + 10, ["clientY"] = (int)from.Y + 10, ["bubbles"] = true };
        await dragItem.DispatchEventAsync("dragstart", start);
        var at = new Dictionary<string, object> { ["dataTransfer"] = transfer, ["clientX"] = (int)to.X + 20, ["clientY"] = (int)to.Y + 5, ["bubbles"] = true };
        await target.DispatchEventAsync("dragenter", at);
        await target.DispatchEventAsync("dragover", at);
        await target.DispatchEventAsync("drop", at);
        await dragItem.DispatchEventAsync("dragend", at);
    }
}
