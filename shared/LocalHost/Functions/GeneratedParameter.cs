using System.Reflection.Emit;

namespace Orbit.LocalHost.Functions;

/// <summary>A parameter of a generated WebJobs method: what WebJobs binds for one of the worker's bindings.</summary>
public sealed record GeneratedParameter(string Name, Type Type, CustomAttributeBuilder? Attribute);
