using Junction.TestKit.Databases;

[assembly: AssemblyFixture(typeof(Junction.Storage.Tests.Infrastructure.TestDatabaseServers))]

namespace Junction.Storage.Tests.Infrastructure;

/// <summary>The shared PostgreSQL and Redis servers of this assembly (skip locally when missing, fail under CI).</summary>
public sealed class TestDatabaseServers : DatabaseServers
{
    protected override void Skip(string message) => Assert.Skip(message);

    protected override void Fail(string message) => Assert.Fail(message);
}
