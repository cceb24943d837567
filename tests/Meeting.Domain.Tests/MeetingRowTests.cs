using System.Collections.Specialized;
using System.ComponentModel;
using System.Reflection;
using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

/// <summary>
/// The meeting's writer saves a row's change only because the row said so (<see cref="MeetingRow"/>): a value that
/// changes silently would be lost at the next commit. Every settable value of every kind of row is tried here.
/// </summary>
public class MeetingRowTests
{
    private static readonly List<Type> Kinds = typeof(MeetingRow).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(MeetingRow)) && !t.IsAbstract).OrderBy(t => t.Name).ToList();

    public static TheoryData<Type> RowTypes() => new(Kinds);

    [Fact]
    public void Every_row_kind_of_the_meeting_says_when_it_changes()
    {
        Assert.Equal(["AgendaItem", "Assignment", "MeetingDelegate", "Opinion", "SpeakRequest", "StaffNote"], Kinds.Select(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(RowTypes))]
    public void Each_settable_value_of_a_row_says_it_changed(Type rowType)
    {
        var row = (MeetingRow)Activator.CreateInstance(rowType, nonPublic: true)!;
        var heard = new List<string?>();
        row.PropertyChanged += (_, e) => heard.Add(e.PropertyName);
        var settable = rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null).ToList();
        Assert.NotEmpty(settable);

        foreach (var property in settable)
        {
            heard.Clear();
            property.SetValue(row, Different(property.PropertyType, property.GetValue(row)));
            Assert.True(heard.SequenceEqual([property.Name]), $"{rowType.Name}.{property.Name} changed without saying so.");
        }
    }

    [Fact]
    public void Setting_a_value_it_already_has_says_nothing()
    {
        var meeting = Live();
        var request = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        var heard = 0;
        request.PropertyChanged += (_, _) => heard++;

        typeof(SpeakRequest).GetProperty(nameof(SpeakRequest.Name))!.SetValue(request, request.Name);

        Assert.Equal(0, heard);
    }

    [Fact]
    public void The_same_moment_at_another_offset_is_a_change_the_store_must_hear_of()
    {
        var request = Live().Queue("Nguyễn Văn An", "Thôn Đông", 10);
        var heard = 0;
        request.PropertyChanged += (_, _) => heard++;

        typeof(SpeakRequest).GetProperty(nameof(SpeakRequest.SubmittedAt))!.SetValue(request, request.SubmittedAt.ToOffset(TimeSpan.FromHours(3)));

        Assert.Equal(1, heard);
    }

    [Fact]
    public void An_opinions_departments_and_notes_say_when_one_is_added()
    {
        var meeting = Live();
        var request = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        var opinion = meeting.Opinions.Single(o => o.Id == request.OpinionId);
        var changes = 0;
        ((INotifyCollectionChanged)opinion.Assignments).CollectionChanged += (_, _) => changes++;
        ((INotifyCollectionChanged)opinion.Notes).CollectionChanged += (_, _) => changes++;
        var roads = new DepartmentRef(Guid.NewGuid(), "Phòng Kinh tế");
        var police = new DepartmentRef(Guid.NewGuid(), "Công an xã");

        meeting.AssignDepartments(opinion.Id, [roads, police], roads.Id, At(20));
        meeting.AddStaffNote(opinion.Id, "Thư ký", "Đã có hồ sơ.", At(30));

        Assert.Equal(3, changes);
    }

    private static object? Different(Type type, object? current)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (current is null && underlying != type) current = Activator.CreateInstance(underlying);
        return underlying switch
        {
            _ when underlying == typeof(string) => (current as string) + "·",
            _ when underlying == typeof(Guid) => Guid.NewGuid(),
            _ when underlying == typeof(int) => (int)current! + 1,
            _ when underlying == typeof(bool) => !(bool)current!,
            _ when underlying == typeof(DateTimeOffset) => ((DateTimeOffset)current!).AddMinutes(1),
            _ when underlying == typeof(DateOnly) => ((DateOnly)current!).AddDays(1),
            { IsEnum: true } => Enum.ToObject(underlying, (Convert.ToInt32(current) + 1) % Enum.GetValues(underlying).Length),
            _ => throw new InvalidOperationException($"Add a different value for {type.Name} to this test."),
        };
    }
}
