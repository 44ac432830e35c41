using Microsoft.Extensions.Logging;

namespace Orbit.Tenants.Tests.Acr;

/// <summary>Keeps every log line at every level, with its exception, so a test can search them for a secret.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<string> lines = [];

    public string AllText
    {
        get
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (lines)
        {
            lines.Add(line);
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            provider.Add($"{category} scope {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add($"{category} {logLevel} {formatter(state, exception)} {state} {exception}");
    }
}
