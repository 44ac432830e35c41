using Orbit.Testing;

namespace Orbit.Infra.Tests.Fixtures;

/// <summary>
/// A copy of infra/ in a scratch folder: to build into without writing beside the sources, or with one text changed
/// in one file, to prove that the checks catch what they are for. The text to change must occur exactly once, so a
/// change to the templates that makes the edit miss fails the test instead of quietly testing nothing.
/// </summary>
public sealed class InfraCopy : IDisposable
{
    private InfraCopy(string directory) => Directory = directory;

    public string Directory { get; }

    public static InfraCopy Create()
    {
        var copy = new InfraCopy(ScratchDirectory.Create("orbit-infra-copy-"));
        foreach (var source in System.IO.Directory.EnumerateFiles(CompiledInfra.Directory, "*", SearchOption.AllDirectories))
        {
            var target = copy.PathOf(Path.GetRelativePath(CompiledInfra.Directory, source));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        return copy;
    }

    public static InfraCopy WithChange(string file, string find, string replaceWith)
    {
        var copy = Create();
        var text = File.ReadAllText(copy.PathOf(file));
        var occurrences = text.Split(find).Length - 1;
        if (occurrences != 1)
        {
            copy.Dispose();
            throw new InvalidOperationException($"'{find}' occurs {occurrences} times in {file}, not once: update the test's edit to the template.");
        }

        File.WriteAllText(copy.PathOf(file), text.Replace(find, replaceWith, StringComparison.Ordinal));
        return copy;
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public Task<CompiledInfra> CompileAsync() => CompiledInfra.CompileAsync(Directory);

    public void Dispose() => ScratchDirectory.TryDelete(Directory);
}
