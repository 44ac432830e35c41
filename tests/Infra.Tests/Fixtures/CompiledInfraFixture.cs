namespace Orbit.Infra.Tests.Fixtures;

/// <summary>infra/main.bicep compiled once for the tests that read it.</summary>
public sealed class CompiledInfraFixture : IAsyncLifetime
{
    private CompiledInfra? infra;

    public CompiledInfra Infra => infra ?? throw new InvalidOperationException("Not compiled yet.");

    public async Task InitializeAsync() => infra = await CompiledInfra.CompileAsync(CompiledInfra.Directory);

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class CompiledInfraCollection : ICollectionFixture<CompiledInfraFixture>
{
    public const string Name = "Compiled infra";
}
