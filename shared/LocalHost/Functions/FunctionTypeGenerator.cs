using System.Reflection;
using System.Reflection.Emit;
using Microsoft.Azure.WebJobs;

namespace Orbit.LocalHost.Functions;

/// <summary>
/// Writes the app's functions as a type WebJobs can index, the way the Functions host generates one for an
/// out-of-process app: one static method per function, named for it, with a parameter per input binding carrying the
/// binding's attribute, plus WebJobs' <see cref="Microsoft.Azure.WebJobs.Binder"/> (for the trigger's binding data) and a cancellation token.
/// Each method only hands its arguments to <see cref="GeneratedFunctionEntry"/>, which invokes the function in the worker.
/// </summary>
public static class FunctionTypeGenerator
{
    public const string BinderParameter = "__binder";
    public const string CancellationParameter = "__cancellation";

    public static Type Generate(IEnumerable<WorkerFunction> functions)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Orbit.LocalHost.WorkerFunctions"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Orbit.LocalHost.WorkerFunctions");
        var type = module.DefineType("WorkerFunctions", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Abstract | TypeAttributes.Sealed);
        foreach (var function in functions)
        {
            Define(type, function);
        }

        return type.CreateType();
    }

    private static void Define(TypeBuilder type, WorkerFunction function)
    {
        // An HTTP function's response is the forwarded one; any other output binding would be silently dropped.
        if (function.Bindings.FirstOrDefault(binding => !binding.IsInput && !binding.Type.Equals("http", StringComparison.OrdinalIgnoreCase)) is { } output)
        {
            throw new NotSupportedException($"Function {function.Name} has a '{output.Type}' output binding ({output.Name}), which this local host does not serve; it serves no output bindings but an HTTP function's response.");
        }

        List<GeneratedParameter> parameters =
        [
            .. function.Inputs.Select(binding => BindingParameters.For(function, binding)),
            new GeneratedParameter(BinderParameter, typeof(Microsoft.Azure.WebJobs.Binder), null),
            new GeneratedParameter(CancellationParameter, typeof(CancellationToken), null),
        ];

        // WebJobs takes a return value only from triggers that accept one; the Durable triggers take the worker's answer that way.
        var returns = BindingParameters.ReturnsToTrigger(function.Trigger);
        var entry = typeof(GeneratedFunctionEntry).GetMethod(returns ? nameof(GeneratedFunctionEntry.InvokeWithResultAsync) : nameof(GeneratedFunctionEntry.InvokeAsync))!;
        var method = type.DefineMethod(function.Name, MethodAttributes.Public | MethodAttributes.Static, entry.ReturnType, parameters.Select(parameter => parameter.Type).ToArray());
        method.SetCustomAttribute(new CustomAttributeBuilder(typeof(FunctionNameAttribute).GetConstructor([typeof(string)])!, [function.Name]));
        if (BindingParameters.IsHttp(function.Trigger))
        {
            // The HTTP front calls it; nothing in WebJobs listens for it.
            method.SetCustomAttribute(new CustomAttributeBuilder(typeof(NoAutomaticTriggerAttribute).GetConstructor(Type.EmptyTypes)!, []));
        }

        for (var index = 0; index < parameters.Count; index++)
        {
            var parameter = method.DefineParameter(index + 1, ParameterAttributes.None, parameters[index].Name);
            if (parameters[index].Attribute is { } attribute)
            {
                parameter.SetCustomAttribute(attribute);
            }
        }

        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldstr, function.Name);
        il.Emit(OpCodes.Ldc_I4, parameters.Count);
        il.Emit(OpCodes.Newarr, typeof(object));
        for (var index = 0; index < parameters.Count; index++)
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldc_I4, index);
            il.Emit(OpCodes.Ldarg, index);
            if (parameters[index].Type.IsValueType)
            {
                il.Emit(OpCodes.Box, parameters[index].Type);
            }

            il.Emit(OpCodes.Stelem_Ref);
        }

        il.Emit(OpCodes.Call, entry);
        il.Emit(OpCodes.Ret);
    }
}
