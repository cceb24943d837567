using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DoiThoai.Web.Data;

/// <summary>
/// The same model on PostgreSQL (DoiThoai:Database = Postgres), for a province that runs several app nodes on one
/// database. Its own type so that its migrations (Data/Migrations/Postgres) are found apart from SQLite's.
/// </summary>
public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options), IDataProtectionKeyContext
{
    /// <summary>Data Protection's keys, shared by the nodes (a SQLite installation keeps them in its data folder).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString);

    public override bool SharedByNodes => true;

    public override Task<long?> StoredSequenceAsync(Guid meetingId, CancellationToken ct) => Compiled<PostgresAppDb>.StoredSequence(this, meetingId, ct);

    public override Task<IAsyncDisposable?> TryLeaseAsync(string name, CancellationToken ct) => AdvisoryLease.TryTakeAsync(this, name, ct);

    /// <summary>Row lock: a second node's writer on the same meeting waits here, then sees the sequence moved on.</summary>
    public override async Task<long?> LockedSequenceAsync(Guid meetingId, CancellationToken ct) =>
        (await Database.SqlQuery<long>($"""SELECT "LastSequence" AS "Value" FROM "Meetings" WHERE "Id" = {meetingId} FOR UPDATE""")
            .ToListAsync(ct)) is [var sequence] ? sequence : null;
}

/// <summary>A PostgreSQL advisory lock, held by this context's connection (released with it if the node dies).</summary>
internal sealed class AdvisoryLease(AppDb db, long key) : IAsyncDisposable
{
    public static async Task<IAsyncDisposable?> TryTakeAsync(AppDb db, string name, CancellationToken ct)
    {
        var key = Key(name);
        // Opened here and kept open: a session lock belongs to the connection that took it.
        await db.Database.OpenConnectionAsync(ct);
        var taken = await db.Database.SqlQuery<bool>($"""SELECT pg_try_advisory_lock({key}) AS "Value" """).ToListAsync(ct);
        if (taken is [true]) return new AdvisoryLease(db, key);
        await db.Database.CloseConnectionAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The same 64-bit key for a name on every node (FNV-1a; string.GetHashCode differs per process).</summary>
    private static long Key(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in "doithoai:" + name) hash = (hash ^ c) * 1099511628211UL;
        return unchecked((long)hash);
    }
}

/// <summary>For `dotnet ef migrations add … --context PostgresAppDb`: the model only, no server is reached.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql("Host=localhost;Database=doithoai").Options);
}

/// <summary>Hands out the configured provider's context wherever the app asks for an <see cref="AppDb"/>.</summary>
internal sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDb>
    where TContext : AppDb
{
    public AppDb CreateDbContext() => inner.CreateDbContext();
}
