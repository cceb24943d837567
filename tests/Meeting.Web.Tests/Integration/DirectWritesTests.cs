using System.Data.Common;
using System.Diagnostics.Metrics;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// A phones' batch stores its new rows with plain INSERTs (<see cref="DirectWrites"/>) instead of EF's save. The
/// rows must be stored exactly as EF would store them: each row of the demo meeting (requests, opinions, journal
/// lines), with every empty value filled, is stored once by EF and once directly on a real SQLite file, and every
/// column is compared — its value and the kind SQLite keeps it as.
/// </summary>
public sealed class DirectWritesTests
{
    [Fact]
    public async Task Rows_stored_directly_equal_the_rows_EF_stores_column_by_column()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();

        Assert.Equal(meeting.Requests.Count, await CompareAllAsync<SpeakRequest>(app, meeting.Id));
        Assert.Equal(meeting.Opinions.Count, await CompareAllAsync<Opinion>(app, meeting.Id));
        Assert.True(await CompareAllAsync<JournalEntry>(app, meeting.Id) > 0);
        Assert.True(await CompareAllAsync<JournalEntry>(app, meeting.Id, untracked: true) > 0);
    }

    [Fact]
    public async Task A_phones_request_is_stored_directly_and_reads_back_whole()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        using var stored = new StoredDirectly(app.AppServices.GetRequiredService<IMeterFactory>());

        using var phone = new PhoneClient(app);
        var token = await phone.SubmitAsync(meeting.PublicCode, PhoneClient.Typed(name: "Nguyễn Thị Ánh"));

        // An opinion, its request and the journal line, and the meeting's running numbers: four rows, none through EF's save.
        Assert.Equal(4, stored.Rows);
        await using var db = await app.OpenDbAsync();
        var reloaded = (await db.LoadMeetingAsync(meeting.Id, tracking: false))!;
        var request = reloaded.Requests.Single(r => r.StatusToken == token);
        Assert.Equal("Nguyễn Thị Ánh", request.Name);
        Assert.Contains(reloaded.Opinions, o => o.Id == request.OpinionId);
        Assert.True(await db.Journal.AnyAsync(j => j.MeetingId == meeting.Id && j.Sequence == reloaded.LastSequence));
        Assert.Equal(request.Number, reloaded.LastRequestNumber);
    }

    [Fact]
    public async Task Phones_one_after_another_are_stored_directly_by_the_meeting_held_in_memory()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        using var stored = new StoredDirectly(app.AppServices.GetRequiredService<IMeterFactory>());
        var logged = app.Log.Count;

        for (var i = 0; i < 3; i++)
        {
            using var phone = new PhoneClient(app);
            await phone.SubmitAsync(meeting.PublicCode, PhoneClient.Typed(name: $"Người gửi {i}"));
        }

        Assert.Equal(12, stored.Rows);
        // The writer's copy kept what it stored: had it lost its running numbers, each batch would find the stored
        // meeting "changed outside this writer" and load it again (a warning each time).
        Assert.Empty(app.Log.Since(logged));
        await using var db = await app.OpenDbAsync();
        var reloaded = (await db.LoadMeetingAsync(meeting.Id, tracking: false))!;
        Assert.Equal(meeting.LastRequestNumber + 3, reloaded.LastRequestNumber);
        Assert.Equal(3, reloaded.Requests.Count(r => r.Name.StartsWith("Người gửi")));
    }

    [Fact]
    public async Task A_staff_commands_journal_lines_go_in_directly_and_its_changes_through_EFs_save()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        using var stored = new StoredDirectly(app.AppServices.GetRequiredService<IMeterFactory>());

        var done = await app.MustAsync(meeting.Id, Hall.Secretary, StaffRoles.ProjectorControl,
            (m, now) => m.SetProjector(ProjectorMode.Message, "Đề nghị đại biểu giữ trật tự."));
        var again = await app.MustAsync(meeting.Id, Hall.Secretary, StaffRoles.ProjectorControl,
            (m, now) => m.SetProjector(ProjectorMode.Message, "Mời đại biểu về chỗ."));

        // Only the journal's lines (one per command here): a staff command's other changes are EF's to save.
        Assert.Equal(2, stored.Rows);
        await using var db = await app.OpenDbAsync();
        var journal = await db.Journal.Where(j => j.MeetingId == meeting.Id && j.Sequence > meeting.LastSequence).OrderBy(j => j.Sequence).ToListAsync();
        Assert.Equal([done.Sequence, again.Sequence], journal.Select(j => j.Sequence));
        Assert.True(journal[0].Id < journal[1].Id);
        var reloaded = (await db.LoadMeetingAsync(meeting.Id, tracking: false))!;
        Assert.Equal(again.Sequence, reloaded.LastSequence);
        Assert.Equal("Mời đại biểu về chỗ.", reloaded.ProjectorMessage);
    }

    [Fact]
    public async Task A_meeting_moved_on_outside_its_writer_is_loaded_again_before_the_next_phone_is_stored()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        using (var first = new PhoneClient(app)) await first.SubmitAsync(meeting.PublicCode, PhoneClient.Typed(name: "Người gửi trước"));
        // Another process (an administrator's tool, a restore) moves the stored meeting on behind the writer's copy.
        long moved;
        await using (var other = await app.OpenDbAsync())
        {
            await other.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.LastSequence, m => m.LastSequence + 5).SetProperty(m => m.Title, "Hội nghị đổi tên ở nơi khác"));
            moved = await other.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.LastSequence).SingleAsync();
        }
        var logged = app.Log.Count;

        using var second = new PhoneClient(app);
        await second.SubmitAsync(meeting.PublicCode, PhoneClient.Typed(name: "Người gửi sau"));

        // The writer's check in the batch read the stored number (not a kept answer), reloaded, and went on from there.
        Assert.Single(app.Log.Since(logged), line => line.Contains("changed outside this writer"));
        await using var db = await app.OpenDbAsync();
        var reloaded = (await db.LoadMeetingAsync(meeting.Id, tracking: false))!;
        Assert.Equal("Hội nghị đổi tên ở nơi khác", reloaded.Title);
        Assert.True(reloaded.LastSequence > moved);
        Assert.True(await db.Journal.AnyAsync(j => j.MeetingId == meeting.Id && j.Sequence == moved + 1));
        Assert.Contains(reloaded.Requests, r => r.Name == "Người gửi sau");
    }

    [Fact]
    public async Task A_meetings_values_stored_directly_equal_what_EF_stores_column_by_column()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        await using var db = await app.OpenDbAsync();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
        var type = db.Model.FindEntityType(typeof(Meeting))!;
        var key = type.FindPrimaryKey()!.Properties.Single();
        var before = await ReadRowAsync(db, "Meetings", key, meeting.Id);

        var byEf = await StoreChangedValuesAsync(db, meeting.Id, direct: false);
        var direct = await StoreChangedValuesAsync(db, meeting.Id, direct: true);

        Assert.Equal(byEf.Keys.Order(), direct.Keys.Order());
        foreach (var (column, value) in byEf)
            Assert.True(Equals(value, direct[column]), $"Meetings.{column}: EF stored {Show(value)}, directly {Show(direct[column])}");
        // Every plain column was changed and compared (not only the ones a phone's batch changes).
        var plain = type.GetProperties().Where(p => !p.IsKey() && !p.IsPrimitiveCollection).Select(p => p.GetColumnName()).ToList();
        Assert.All(plain, column => Assert.NotEqual(before[column], byEf[column]));
    }

    [Fact]
    public async Task A_meeting_with_a_changed_complex_value_is_left_to_EF()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        await using var db = await app.OpenDbAsync();
        await db.Database.OpenConnectionAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var tracked = (await db.Meetings.FindAsync(meeting.Id))!;
        var entry = db.Entry(tracked);
        entry.Property(nameof(Meeting.LastSequence)).CurrentValue = tracked.LastSequence + 1;
        var kind = entry.ComplexProperty(nameof(Meeting.Floor)).Property(nameof(FloorHolder.Kind));
        kind.CurrentValue = Different(typeof(FloorKind), kind.CurrentValue);

        Assert.False(await DirectWrites.TryStoreValuesAsync(db, tracked, CancellationToken.None));
        Assert.Equal(Microsoft.EntityFrameworkCore.EntityState.Modified, entry.State);
        await using var stored = Command(db, "SELECT \"LastSequence\" FROM \"Meetings\" WHERE \"Id\" = @id", entry.Metadata.FindPrimaryKey()!.Properties[0], meeting.Id);
        Assert.Equal(meeting.LastSequence, (long)(await stored.ExecuteScalarAsync())!);
    }

    /// <summary>
    /// Changes every plain value of the stored meeting (each to a sample of its type), stores it EF's way or directly,
    /// and gives the row as stored; rolled back after.
    /// </summary>
    private static async Task<Dictionary<string, (object Value, string Kind)>> StoreChangedValuesAsync(AppDb db, Guid meetingId, bool direct)
    {
        var type = db.Model.FindEntityType(typeof(Meeting))!;
        var key = type.FindPrimaryKey()!.Properties.Single();
        await using var tx = await db.Database.BeginTransactionAsync();
        var meeting = (await db.Meetings.FindAsync(meetingId))!;
        var entry = db.Entry(meeting);
        var set = new Dictionary<string, object?>();
        foreach (var property in entry.Properties.Where(p => !p.Metadata.IsKey() && !p.Metadata.IsPrimitiveCollection))
        {
            var clr = Nullable.GetUnderlyingType(property.Metadata.ClrType) ?? property.Metadata.ClrType;
            property.CurrentValue = set[property.Metadata.Name] = clr == typeof(string) ? Sample(clr) + property.Metadata.Name : Different(clr, property.CurrentValue);
            property.IsModified = true;
        }
        if (direct)
        {
            Assert.True(await DirectWrites.TryStoreValuesAsync(db, meeting, CancellationToken.None));
            // Taken as stored: the meeting in memory keeps the values stored (the writer goes on with it), nothing is
            // left for EF's save, and nothing is found changed on a second look.
            foreach (var (name, value) in set) Assert.Equal(value, entry.Property(name).CurrentValue);
            Assert.Equal(Microsoft.EntityFrameworkCore.EntityState.Unchanged, entry.State);
            db.ChangeTracker.DetectChanges();
            Assert.Equal(Microsoft.EntityFrameworkCore.EntityState.Unchanged, entry.State);
        }
        else
        {
            await db.SaveChangesAsync();
        }
        var row = await ReadRowAsync(db, "Meetings", key, meetingId);
        await tx.RollbackAsync();
        db.ChangeTracker.Clear();
        return row;
    }

    /// <summary>A sample value of the type that differs from the one held.</summary>
    private static object Different(Type type, object? held)
    {
        var sample = Sample(type);
        if (!Equals(sample, held)) return sample;
        return type switch
        {
            _ when type == typeof(int) => 43,
            _ when type == typeof(long) => 4_200_000_001L,
            _ when type == typeof(bool) => false,
            _ when type.IsEnum => Enum.GetValues(type).Cast<object>().First(),
            _ => throw new InvalidOperationException($"No second sample value for {type.Name}: add one."),
        };
    }

    /// <summary>Stores every row of type <typeparamref name="T"/> of the meeting both ways and compares; gives how many.</summary>
    private static async Task<int> CompareAllAsync<T>(TestApp app, Guid meetingId, bool untracked = false) where T : class
    {
        await using var db = await app.OpenDbAsync();
        await db.Database.OpenConnectionAsync();
        // The filled references (a delegate, a merged opinion) need not exist: this compares storage, not rules.
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
        var type = db.Model.FindEntityType(typeof(T))!;
        var table = type.GetTableName()!;
        var key = type.FindPrimaryKey()!.Properties.Single();
        var keyColumn = key.GetColumnName();
        var keys = (await db.Set<T>().AsNoTracking().Where(r => EF.Property<Guid>(r, "MeetingId") == meetingId).ToListAsync())
            .Select(r => db.Entry(r).Property(key.Name).CurrentValue!).ToList();
        var everFilled = new HashSet<string>();
        foreach (var id in keys)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var byEf = await CopyAsync<T>(db, id);
            var direct = await CopyAsync<T>(db, id);
            await DeleteAsync(db, table, key, id);
            db.Add(byEf);
            await db.SaveChangesAsync();
            var efKey = db.Entry(byEf).Property(key.Name).CurrentValue!;
            var efRow = await ReadRowAsync(db, table, key, efKey);
            await DeleteAsync(db, table, key, efKey);
            db.Entry(byEf).State = Microsoft.EntityFrameworkCore.EntityState.Detached;

            object directKey;
            if (untracked)
            {
                // Stored without EF tracking it (the writer's journal lines): the row object is given its key, nothing else.
                Assert.True(await DirectWrites.TryInsertUntrackedAsync(db, [direct], CancellationToken.None), $"{typeof(T).Name} was not stored untracked");
                Assert.Equal(Microsoft.EntityFrameworkCore.EntityState.Detached, db.Entry(direct).State);
                directKey = key.PropertyInfo!.GetValue(direct)!;
                Assert.NotEqual(Activator.CreateInstance(key.ClrType), directKey);
            }
            else
            {
                db.Add(direct);
                Assert.True(await DirectWrites.TryStoreAsync(db, [direct], CancellationToken.None), $"{typeof(T).Name} was not stored directly");
                Assert.Equal(Microsoft.EntityFrameworkCore.EntityState.Unchanged, db.Entry(direct).State);
                directKey = db.Entry(direct).Property(key.Name).CurrentValue!;
            }
            var directRow = await ReadRowAsync(db, table, key, directKey);

            Assert.Equal(efRow.Keys.Order(), directRow.Keys.Order());
            foreach (var (column, value) in efRow)
            {
                // A generated key differs by nature; the row was found by the key the entity was given back.
                if (column == keyColumn && key.ValueGenerated != ValueGenerated.Never)
                {
                    everFilled.Add(column);
                    continue;
                }
                Assert.True(Equals(value, directRow[column]), $"{table}.{column}: EF stored {Show(value)}, directly {Show(directRow[column])}");
                if (value.Value is not DBNull) everFilled.Add(column);
            }
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
        }
        // Every column was compared with a value in it at least once (the fill below saw to the empty ones).
        var neverFilled = type.GetProperties().Select(p => p.GetColumnName()).Where(c => !everFilled.Contains(c)).ToList();
        Assert.True(neverFilled.Count == 0, $"{table}: never compared with a value: {string.Join(", ", neverFilled)}");
        return keys.Count;
    }

    /// <summary>A fresh copy of the stored row, its empty values filled (the same way for both copies).</summary>
    private static async Task<T> CopyAsync<T>(AppDb db, object id) where T : class
    {
        var row = (await db.Set<T>().FindAsync(id))!;
        var entry = db.Entry(row);
        entry.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        foreach (var property in entry.Metadata.GetProperties())
        {
            if (property.IsPrimaryKey())
            {
                // A key the database generates is left for it to give (EF's save and the INSERT alike).
                if (property.ValueGenerated != ValueGenerated.Never) entry.Property(property.Name).CurrentValue = Activator.CreateInstance(property.ClrType);
                continue;
            }
            if (entry.Property(property.Name).CurrentValue is not null) continue;
            entry.Property(property.Name).CurrentValue = Sample(Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType);
        }
        return row;
    }

    private static object Sample(Type type) => type switch
    {
        _ when type == typeof(string) => "Nguyễn Thị Ánh — \"thử\" 'x'",
        _ when type == typeof(int) => 42,
        _ when type == typeof(long) => 4_200_000_000L,
        _ when type == typeof(bool) => true,
        _ when type == typeof(Guid) => Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 12, 7, 14, 30, 15, TimeSpan.FromHours(7)).AddTicks(1_234_567),
        _ when type == typeof(DateTime) => new DateTime(2026, 12, 7, 14, 30, 15, DateTimeKind.Utc),
        _ when type == typeof(DateOnly) => new DateOnly(2026, 12, 31),
        _ when type == typeof(TimeOnly) => new TimeOnly(23, 59, 58),
        _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(95.5),
        _ when type == typeof(double) => 1.25,
        _ when type == typeof(decimal) => 1.25m,
        _ when type.IsEnum => Enum.GetValues(type).Cast<object>().Last(),
        _ => throw new InvalidOperationException($"No sample value for {type.Name}: add one."),
    };

    private static async Task DeleteAsync(AppDb db, string table, IProperty key, object id)
    {
        await using var command = Command(db, $"DELETE FROM \"{table}\" WHERE \"{key.GetColumnName()}\" = @id", key, id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Every column of the stored row: its value and SQLite's storage class.</summary>
    private static async Task<Dictionary<string, (object Value, string Kind)>> ReadRowAsync(AppDb db, string table, IProperty key, object id)
    {
        var columns = new List<string>();
        await using (var names = Command(db, $"SELECT name FROM pragma_table_info('{table}')", null, null))
        await using (var reader = await names.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        var select = string.Join(", ", columns.Select(c => $"\"{c}\", typeof(\"{c}\")"));
        await using var command = Command(db, $"SELECT {select} FROM \"{table}\" WHERE \"{key.GetColumnName()}\" = @id", key, id);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        return columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (row.GetValue(2 * x.i), row.GetString(2 * x.i + 1)));
    }

    private static DbCommand Command(AppDb db, string sql, IProperty? key, object? id)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        // The key as EF stores it (a Guid as its text).
        if (key is not null) command.Parameters.Add(key.GetRelationalTypeMapping().CreateParameter(command, "@id", id));
        return command;
    }

    private static string Show((object Value, string Kind) stored) => $"{stored.Value} ({stored.Kind})";

    /// <summary>Rows counted by this app's meter as stored directly.</summary>
    private sealed class StoredDirectly : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _rows;

        public StoredDirectly(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LiveMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)
                    && instrument.Name == "doithoai.rows.stored_directly")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _rows, value));
            _listener.Start();
        }

        public long Rows => Interlocked.Read(ref _rows);

        public void Dispose() => _listener.Dispose();
    }
}
