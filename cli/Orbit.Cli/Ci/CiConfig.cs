using System.Text.Json;
using Orbit.Cli.Output;

namespace Orbit.Cli.Ci;

/// <summary>
/// <c>orbit-ci.json</c>, kept in the pipeline's repository: the services, the essential and minimal ones, and the tier
/// thresholds, so the pipeline's YAML need not repeat them. Flags given on the command line win over the file.
/// </summary>
public sealed record CiConfig(IReadOnlyList<string>? Services, IReadOnlyList<string>? Essential, IReadOnlyList<string>? Minimal, string? FullAbove, string? MediumFrom, string? AbortBelow)
{
    public const string DefaultFile = "orbit-ci.json";

    public static CiConfig None { get; } = new(null, null, null, null, null, null);

    /// <summary>The named file (which must exist), or <see cref="DefaultFile"/> in the working directory when there is one.</summary>
    public static CiConfig Load(string? path)
    {
        var file = path ?? (File.Exists(DefaultFile) ? DefaultFile : null);
        if (file is null)
        {
            return None;
        }

        if (!File.Exists(file))
        {
            throw CliFailure.BadUsage($"--config {file}: there is no such file.");
        }

        try
        {
            return JsonSerializer.Deserialize<CiConfig>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
                ReadCommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }) ?? None;
        }
        catch (JsonException exception)
        {
            throw CliFailure.BadUsage($"{file} is not a valid orbit CI config ({{\"services\", \"essential\", \"minimal\", \"fullAbove\", \"mediumFrom\", \"abortBelow\"}}): {exception.Message}");
        }
    }

    public TierThresholds Thresholds(string? fullAbove, string? mediumFrom, string? abortBelow)
    {
        var defaults = TierThresholds.Default;
        return new TierThresholds(
            Size(fullAbove ?? FullAbove, "--full-above", defaults.FullAboveBytes),
            Size(mediumFrom ?? MediumFrom, "--medium-from", defaults.MediumFromBytes),
            Size(abortBelow ?? AbortBelow, "--abort-below", defaults.AbortBelowBytes));
    }

    private static long Size(string? text, string what, long fallback) => text is null ? fallback : ByteSize.Parse(text, what);
}
