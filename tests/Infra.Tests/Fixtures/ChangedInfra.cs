using Orbit.Testing;

namespace Orbit.Infra.Tests.Fixtures;

/// <summary>
/// A copy of infra/ with one text changed in one file, for proving that the checks catch what they are for. The
/// text to change must occur exactly once, so a change to the templates that makes the edit miss fails the test
/// instead of quietly testing nothing.
/// </summary>
public sealed class ChangedInfra : IDisposable
{
    private ChangedInfra(string directory) => Directory = directory;

    public string Directory { get; }

    public static ChangedInfra Create(string file, string find, string replaceWith)
    {
        var copy = ScratchDirectory.Create("orbit-infra-copy-");
        foreach (var source in System.IO.Directory.EnumerateFiles(CompiledInfra.Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(CompiledInfra.Directory, source));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        var changed = Path.Combine(copy, file);
        var text = File.ReadAllText(changed);
        var occurrences = text.Split(find).Length - 1;
        if (occurrences != 1)
        {
            ScratchDirectory.TryDelete(copy);
            throw new InvalidOperationException($"'{find}' occurs {occurrences} times in {file}, not once: update the test's edit to the template.");
        }

        File.WriteAllText(changed, text.Replace(find, replaceWith, StringComparison.Ordinal));
        return new ChangedInfra(copy);
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public Task<CompiledInfra> CompileAsync() => CompiledInfra.CompileAsync(Directory);

    public void Dispose() => ScratchDirectory.TryDelete(Directory);
}
