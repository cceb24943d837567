using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DoiThoai.Web.Live;

/// <summary>
/// Stores the new rows of a phones' batch (opinions, requests, journal lines) with one plain INSERT each, and the
/// meeting's changed running numbers with one UPDATE (<see cref="TryStoreValuesAsync"/>), in the batch's transaction,
/// and tells EF they are stored. Why: on SQLite EF sends every row as a command of its own and
/// builds its SQL text, its parameters and a modification per column anew for each: 16% of the server's CPU in a
/// 2,000-phone burst (`perf`), 12 points of it building and sorting commands, under 2 running them; and ~90 KB of
/// garbage per request. With the server GC a burst mostly passes without a collection, so that CPU was what each
/// phone waited for (reverted once, in <c>a86a47e</c>, when the workstation GC's pauses hid it). The columns, their
/// order, and each value's conversion and parameter come from EF's own model and type mappings
/// (<see cref="RelationalTypeMapping.CreateParameter"/>); only the loop is ours. <c>DirectWritesTests</c> stores the
/// same rows both ways and compares every column. PostgreSQL keeps EF's path: Npgsql batches the commands of a save.
/// </summary>
public static class DirectWrites
{
    private static readonly ConcurrentDictionary<IEntityType, Insert?> Inserts = new();
    private static readonly ConcurrentDictionary<IEntityType, Update?> Updates = new();
    private static readonly ConcurrentDictionary<IEntityType, string> SequenceReads = new();
    // A connection's commands, one per SQL text, kept while the connection lives: SQLite keeps each command's statement
    // prepared, so a row costs its values, not parsing and preparing its INSERT again. A connection is one writer's.
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Prepared = new();

    /// <summary>
    /// Inserts <paramref name="rows"/> (in this order: a row's references first) when every one is tracked as added and
    /// of a plain table; marks them stored. False, with nothing done, when any is not: EF's save then stores them all.
    /// </summary>
    public static async Task<bool> TryStoreAsync(DbContext db, IReadOnlyList<object> rows, CancellationToken ct)
    {
        if (rows.Count == 0 || !IsSqlite(db) || db.Database.CurrentTransaction is not { } transaction) return false;
        var entries = new EntityEntry[rows.Count];
        var inserts = new Insert[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var entry = db.Entry(rows[i]);
            if (entry.State != EntityState.Added || Inserts.GetOrAdd(entry.Metadata, Insert.For) is not { } insert) return false;
            (entries[i], inserts[i]) = (entry, insert);
        }
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        for (var i = 0; i < rows.Count; i++)
        {
            var (entry, insert) = (entries[i], inserts[i]);
            // One view of the row's values: each use of EF's CurrentValues makes a new one.
            var values = entry.CurrentValues;
            var key = await InsertAsync(connection, dbTransaction, insert, column => values[column], ct);
            if (insert.Generated is { } generated) entry.Property(generated.Name).CurrentValue = key;
        }
        // Stored in this transaction: EF now holds them as it would after its own save (original values = current).
        foreach (var entry in entries) entry.State = EntityState.Unchanged;
        return true;
    }

    /// <summary>
    /// Inserts rows EF does not track (the caller's word: a tracked one would be stored twice), all of one type, and
    /// gives each the key the database generated: the journal's lines, which the writer writes once and never reads
    /// back (tracking them, then letting go of them, was 2–3% of a burst's CPU). False, with nothing done, where this
    /// plain loop must not write them (as for <see cref="TryStoreAsync"/>, or a column without a property of the
    /// class): add them to EF then.
    /// </summary>
    public static async Task<bool> TryInsertUntrackedAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0 || !IsSqlite(db) || db.Database.CurrentTransaction is not { } transaction
            || db.Model.FindEntityType(typeof(T)) is not { } type || Inserts.GetOrAdd(type, Insert.For) is not { } insert
            || insert.Columns.Any(c => c.IsShadowProperty()) || insert.Generated is { PropertyInfo: not { CanWrite: true }, FieldInfo: null }
            || rows.Any(row => row.GetType() != typeof(T)))
            return false;
        var (connection, dbTransaction) = (db.Database.GetDbConnection(), transaction.GetDbTransaction());
        foreach (var row in rows)
        {
            var key = await InsertAsync(connection, dbTransaction, insert, column => column.GetGetter().GetClrValueUsingContainingEntity(row), ct);
            if (insert.Generated is { PropertyInfo: { CanWrite: true } property }) property.SetValue(row, key);
            else insert.Generated?.FieldInfo!.SetValue(row, key);
        }
        return true;
    }

    /// <summary>One row's INSERT, its values read by <paramref name="valueOf"/>; gives the key the database generated, if any.</summary>
    private static async Task<object?> InsertAsync(DbConnection connection, DbTransaction transaction, Insert insert, Func<IProperty, object?> valueOf, CancellationToken ct)
    {
        var command = PreparedCommand(connection, transaction, insert.Sql);
        for (var p = 0; p < insert.Columns.Count; p++)
            command.Parameters.Add(Parameter(command, ValueName(p), insert.Columns[p], valueOf(insert.Columns[p])));
        if (insert.Generated is not { } generated)
        {
            if (await command.ExecuteNonQueryAsync(ct) != 1) throw new DbUpdateException($"Storing a new {insert.Type} changed no row.");
            return null;
        }
        // The key the database gave (the journal's running number), converted back as EF would read it.
        var stored = await command.ExecuteScalarAsync(ct);
        return generated.GetRelationalTypeMapping().Converter is { } converter ? converter.ConvertFromProvider(stored)
            : Convert.ChangeType(stored, Nullable.GetUnderlyingType(generated.ClrType) ?? generated.ClrType, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Stores the plain values EF holds as modified on <paramref name="row"/> (after a phones' batch: the meeting's
    /// running numbers) with one UPDATE, and takes them as stored, as EF's save would. False, with nothing done, when
    /// anything else about it changed (a value inside a complex property, a key) or its table is not a plain one: EF's
    /// save stores it then. Why: EF's save of that one row was still 8% of a burst's CPU once the new rows went in
    /// directly — it builds a modification for every column of the meeting's wide row to write two.
    /// </summary>
    public static async Task<bool> TryStoreValuesAsync(DbContext db, object row, CancellationToken ct)
    {
        if (!IsSqlite(db) || db.Database.CurrentTransaction is not { } transaction) return false;
        var entry = db.Entry(row);
        if (entry.State != EntityState.Modified || Updates.GetOrAdd(entry.Metadata, Update.For) is not { } update
            || AnyModified(entry.ComplexProperties) || entry.ComplexCollections.Any(c => c.IsModified))
            return false;
        var modified = entry.Properties.Where(p => p.IsModified).ToList();
        if (modified.Count == 0 || modified.Any(p => p.Metadata.IsKey() || p.Metadata.IsPrimitiveCollection)) return false;
        var command = PreparedCommand(db.Database.GetDbConnection(), transaction.GetDbTransaction(), update.Sql(modified.Select(p => p.Metadata)));
        for (var p = 0; p < modified.Count; p++)
            command.Parameters.Add(Parameter(command, ValueName(p), modified[p].Metadata, modified[p].CurrentValue));
        for (var k = 0; k < update.Key.Count; k++)
            command.Parameters.Add(Parameter(command, "@k" + k, update.Key[k], entry.Property(update.Key[k].Name).CurrentValue));
        if (await command.ExecuteNonQueryAsync(ct) != 1)
            throw new DbUpdateException($"Storing the changed values of a {entry.Metadata.ClrType.Name} changed no row.");
        // Stored in this transaction: the stored values become EF's originals. Unmarking a property puts its original
        // value back as the current one, so the original is set first; with none left marked the row is Unchanged.
        foreach (var property in modified)
        {
            property.OriginalValue = property.CurrentValue;
            property.IsModified = false;
        }
        return true;
    }

    // Not EF's IsSqlite(): its provider name is read off the provider's assembly name anew on every call.
    private static bool IsSqlite(DbContext db) => db.Database.GetDbConnection() is SqliteConnection;

    /// <summary>The connection's command for <paramref name="sql"/>, in this transaction, with no parameters yet.</summary>
    private static DbCommand PreparedCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var commands = Prepared.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }
        command.Transaction = transaction;
        // Each value's parameter is made anew by EF's type mapping (its conversion stays EF's); only the statement is kept.
        command.Parameters.Clear();
        return command;
    }

    /// <summary>
    /// The meeting's stored running number, read by a kept command: the writer checks it in every batch, and EF's
    /// compiled query built its command and reader anew each time (2% of a 2,000-phone burst's CPU). Null (no task)
    /// where this does not apply: another store, or a connection not held open (EF's query reads it then).
    /// </summary>
    public static Task<long?>? StoredSequenceAsync(DbContext db, Guid meetingId, CancellationToken ct)
    {
        if (!IsSqlite(db) || db.Database.GetDbConnection() is not { State: System.Data.ConnectionState.Open } connection) return null;
        return ReadSequenceAsync(connection, db.Database.CurrentTransaction?.GetDbTransaction(), db.Model, meetingId, ct);
    }

    private static async Task<long?> ReadSequenceAsync(DbConnection connection, DbTransaction? transaction, IModel model, Guid meetingId, CancellationToken ct)
    {
        var meeting = model.FindEntityType(typeof(Meeting))!;
        var id = meeting.FindProperty(nameof(Meeting.Id))!;
        var command = PreparedCommand(connection, transaction, SequenceReads.GetOrAdd(meeting, type =>
        {
            var store = StoreObjectIdentifier.Table(type.GetTableName()!);
            var sequence = type.FindProperty(nameof(Meeting.LastSequence))!;
            return $"SELECT {Quote(sequence.GetColumnName(store)!)} FROM {Quote(store.Name)} WHERE {Quote(id.GetColumnName(store)!)} = @id";
        }));
        command.Parameters.Add(Parameter(command, "@id", id, meetingId));
        return await command.ExecuteScalarAsync(ct) is { } stored and not DBNull ? Convert.ToInt64(stored, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static bool AnyModified(IEnumerable<ComplexPropertyEntry> complex) =>
        complex.Any(member => member.Properties.Any(p => p.IsModified) || AnyModified(member.ComplexProperties));

    // The parameters' names, made once: "@p" + i was a new string per value per row.
    private static readonly string[] ValueNames = [.. Enumerable.Range(0, 128).Select(i => "@p" + i)];

    private static string ValueName(int i) => i < ValueNames.Length ? ValueNames[i] : "@p" + i;

    private static DbParameter Parameter(DbCommand command, string name, IProperty property, object? value) =>
        property.GetRelationalTypeMapping().CreateParameter(command, name, value, property.IsNullable);

    /// <summary>The opinions and requests a batch of phones' commands added, in the order they may be stored.</summary>
    public static List<object> AddedByPhones(Meeting meeting, int opinionsBefore, int requestsBefore)
    {
        var rows = new List<object>();
        for (var i = opinionsBefore; i < meeting.Opinions.Count; i++) rows.Add(meeting.Opinions[i]);
        for (var i = requestsBefore; i < meeting.Requests.Count; i++) rows.Add(meeting.Requests[i]);
        return rows;
    }

    /// <param name="Generated">The key the database generates (left out of the INSERT, read back), if any.</param>
    private sealed record Insert(string Type, string Sql, IReadOnlyList<IProperty> Columns, IProperty? Generated)
    {
        /// <summary>Null for a table this plain loop must not write: table splitting, complex or JSON columns, inheritance.</summary>
        public static Insert? For(IEntityType type)
        {
            if (type.GetComplexProperties().Any() || PlainTable(type) is not { } table) return null;
            var store = StoreObjectIdentifier.Table(table);
            var key = type.FindPrimaryKey();
            var generated = key?.Properties is [var only] && only.ValueGenerated.HasFlag(ValueGenerated.OnAdd)
                && only.ClrType == typeof(long) ? only : null;
            var columns = type.GetProperties().Where(p => p != generated).ToList();
            // A column the database fills (a default, a computed value) is left to EF, which knows when to omit it.
            if (columns.Any(c => c.ValueGenerated != ValueGenerated.Never || c.GetColumnName(store) is null)) return null;
            var names = string.Join(", ", columns.Select(c => Quote(c.GetColumnName(store)!)));
            var values = string.Join(", ", columns.Select((_, i) => "@p" + i));
            var sql = $"INSERT INTO {Quote(table)} ({names}) VALUES ({values})" + (generated is null ? "" : $" RETURNING {Quote(generated.GetColumnName(store)!)}");
            return new Insert(type.ClrType.Name, sql, columns, generated);
        }
    }

    /// <summary>The UPDATE of a plain table's row by its key, one SQL text per set of columns changed (cached).</summary>
    private sealed class Update(string table, IReadOnlyList<IProperty> key)
    {
        private readonly ConcurrentDictionary<string, string> _sql = new();

        public IReadOnlyList<IProperty> Key { get; } = key;

        public string Sql(IEnumerable<IProperty> columns)
        {
            var store = StoreObjectIdentifier.Table(table);
            var names = columns.Select(c => c.GetColumnName(store)!).ToList();
            return _sql.GetOrAdd(string.Join(",", names), _ =>
                $"UPDATE {Quote(table)} SET {string.Join(", ", names.Select((n, i) => $"{Quote(n)} = @p{i}"))} "
                + $"WHERE {string.Join(" AND ", Key.Select((k, i) => $"{Quote(k.GetColumnName(store)!)} = @k{i}"))}");
        }

        /// <summary>Null where EF's save does more than that UPDATE: a concurrency token, a column the database computes.</summary>
        public static Update? For(IEntityType type)
        {
            if (PlainTable(type) is not { } table || type.FindPrimaryKey() is not { } key) return null;
            var store = StoreObjectIdentifier.Table(table);
            if (type.GetProperties().Any(p => p.IsConcurrencyToken || p.ValueGenerated.HasFlag(ValueGenerated.OnUpdate) || p.GetColumnName(store) is null))
                return null;
            return new Update(table, key.Properties);
        }
    }

    /// <summary>The table a type alone is stored in, or null (table splitting, owned types, inheritance).</summary>
    private static string? PlainTable(IEntityType type)
    {
        if (type.GetTableName() is not { } table || type.GetSchema() is not null || type.BaseType is not null
            || type.GetDirectlyDerivedTypes().Any() || type.IsOwned() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            return null;
        return type.GetTableMappings().Single().Table.EntityTypeMappings.Count() != 1 ? null : table;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
