using Orbit.Quota.Storage;

namespace Orbit.Quota.Cleanup;

/// <summary>
/// What one read of the workspace row says about the cleanup trigger: the empty plan when usage (with the build's
/// estimate) is below it, else nothing yet and the row read, from which the plan's read of the records begins.
/// </summary>
public sealed record CleanupTriggerCheck(WorkspaceRowRead Read, CleanupPlan? BelowTrigger);
