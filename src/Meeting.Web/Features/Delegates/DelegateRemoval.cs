using System.Security.Claims;
using DoiThoai.Web.Features.PersonalData;
using DoiThoai.Web.Live;

namespace DoiThoai.Web.Features.Delegates;

public static class DelegateRemoval
{
    /// <summary>Takes a mistaken entry off the list, and its name out of the journal lines about it, in one command.</summary>
    public static Task<CommandResult<bool>> RemoveDelegateAsync(this MeetingCommands commands, Guid meetingId, ClaimsPrincipal user, Guid delegateId) =>
        commands.RunAsync(meetingId, user, StaffRoles.DelegateList, async scope =>
        {
            await TracesBeside.ScrubAsync(scope, scope.Meeting.RemoveDelegate(delegateId));
            return true;
        });
}
