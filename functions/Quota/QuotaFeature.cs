using Microsoft.Azure.Functions.Worker.Builder;
using Orbit.Functions.Http;
using Orbit.Quota;

namespace Orbit.Functions.Quota;

public static class QuotaFeature
{
    /// <summary>Registry accounting (<c>Quota:*</c>, <c>Registry:*</c>) and the problems its failures become.</summary>
    public static FunctionsApplicationBuilder AddQuota(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddRegistryQuota(builder.Configuration);
        builder.Services.AddSingleton<ProblemMap>(QuotaProblems.From);
        return builder;
    }
}
