using Orbit.LocalHost.Http;
using Orbit.LocalHost.Keys;
using Orbit.LocalHost.Tests.Functions;

namespace Orbit.LocalHost.Tests.Http;

public sealed class HttpTriggerRouteTests
{
    [Fact]
    public void The_route_methods_and_level_come_from_the_trigger_under_the_route_prefix()
    {
        var route = HttpTriggerRoute.From(
            WorkerFunctions.Declare("Echo", """{ "name": "req", "type": "httpTrigger", "direction": "In", "authLevel": "Admin", "methods": ["get", "Post"], "route": "/echo/{name}/" }"""),
            "/api/");

        Assert.Equal(["GET", "POST"], route.Methods);
        Assert.Equal(("Echo", "req", "api/echo/{name}", AuthorizationLevel.Admin), (route.Function, route.TriggerParameter, route.Template, route.Level));
    }

    [Fact]
    public void Without_route_methods_or_level_a_function_is_at_its_name_for_every_method_at_function_level()
    {
        var route = HttpTriggerRoute.From(WorkerFunctions.Declare("Health", """{ "name": "req", "type": "httpTrigger", "direction": "In", "methods": [] }"""), "api");

        Assert.Equal(("api/Health", null, AuthorizationLevel.Function), (route.Template, route.Methods, route.Level));
    }

    [Fact]
    public void An_empty_route_prefix_puts_the_route_at_the_root()
    {
        var route = HttpTriggerRoute.From(WorkerFunctions.Declare("Echo", """{ "name": "req", "type": "httpTrigger", "route": "echo" }"""), "");

        Assert.Equal("echo", route.Template);
    }

    [Theory]
    [InlineData("anonymous", AuthorizationLevel.Anonymous)]
    [InlineData("Function", AuthorizationLevel.Function)]
    [InlineData("ADMIN", AuthorizationLevel.Admin)]
    public void The_level_is_read_whatever_its_case(string authLevel, AuthorizationLevel level) =>
        Assert.Equal(level, HttpTriggerRoute.From(WorkerFunctions.Declare("F", $$"""{ "name": "req", "type": "httpTrigger", "authLevel": "{{authLevel}}" }"""), "api").Level);

    [Fact]
    public void An_unknown_level_is_refused_naming_the_function_rather_than_served_at_a_guess()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            HttpTriggerRoute.From(WorkerFunctions.Declare("Echo", """{ "name": "req", "type": "httpTrigger", "authLevel": "System" }"""), "api"));

        Assert.Contains("Echo", error.Message);
        Assert.Contains("System", error.Message);
    }
}
