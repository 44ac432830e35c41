namespace Orbit.Functions.Http;

/// <summary>
/// Turns one feature's failures into the problem a caller gets (null: not this feature's, or a bug, which stays a 500).
/// Each feature registers its own once; the <see cref="ProblemDetailsMiddleware"/> asks them all.
/// </summary>
public delegate ProblemException? ProblemMap(Exception exception);
