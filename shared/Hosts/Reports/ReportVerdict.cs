namespace Orbit.Hosts.Reports;

/// <summary>Why a report was accepted or refused; anything but <see cref="Accepted"/> is a 401 with nothing written.</summary>
public enum ReportVerdict
{
    Accepted,
    MissingHeaders,
    MalformedTimestamp,
    StaleTimestamp,
    BadSignature,
    Replayed,
}
