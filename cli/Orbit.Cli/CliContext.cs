using System.CommandLine;
using Orbit.Cli.Output;
using Orbit.Cli.Service;

namespace Orbit.Cli;

/// <summary>What a command's action needs besides its own options: the output, the service client, the environment and the clock.</summary>
public sealed class CliContext(ParseResult parse, GlobalOptions options, Func<string, string?> environment, TimeProvider time)
{
    public const string DefaultUrl = "http://localhost:7071";

    private CliOutput? output;

    public ParseResult Parse { get; } = parse;

    public Func<string, string?> Environment { get; } = environment;

    public TimeProvider Time { get; } = time;

    public CliOutput Output => output ??= CliOutput.For(Parse.GetValue(options.Json), CliOutput.IsInteractive(Environment), Time);

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public OrbitService Service()
    {
        var text = Parse.GetValue(options.Url) ?? Environment("ORBIT_URL") ?? DefaultUrl;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw CliFailure.BadUsage($"--url (or ORBIT_URL) must be the service's http or https URL, e.g. {DefaultUrl}; it is '{text}'.");
        }

        return OrbitService.Create(url, Parse.GetValue(options.Key) ?? Environment("ORBIT_KEY"), TimeSpan.FromSeconds(100));
    }
}
