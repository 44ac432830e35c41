using Orbit.LocalHost.Functions;

namespace Orbit.LocalHost.Tests.Functions;

public sealed class WorkerBindingTests
{
    [Fact]
    public void A_raw_binding_gives_its_name_type_and_direction_and_its_properties_whatever_their_case()
    {
        var binding = WorkerBinding.Parse("""{ "Name": "req", "TYPE": "httpTrigger", "direction": "In", "authLevel": "Admin", "Route": "admin/echo" }""");

        Assert.Equal(("req", "httpTrigger", true, true), (binding.Name, binding.Type, binding.IsInput, binding.IsTrigger));
        Assert.Equal("Admin", binding.Get("authlevel"));
        Assert.Equal("admin/echo", binding.Get("route"));
        Assert.Null(binding.Get("methods"));
    }

    [Fact]
    public void Only_out_is_an_output_and_only_a_type_ending_in_Trigger_is_a_trigger()
    {
        Assert.False(WorkerBinding.Parse("""{ "name": "$return", "type": "http", "direction": "Out" }""").IsInput);
        Assert.True(WorkerBinding.Parse("""{ "name": "client", "type": "durableClient" }""").IsInput);
        Assert.False(WorkerBinding.Parse("""{ "name": "client", "type": "durableClient", "direction": "In" }""").IsTrigger);
    }

    [Fact]
    public void Values_that_are_not_text_come_back_as_their_JSON_and_lists_as_lists()
    {
        var binding = WorkerBinding.Parse("""{ "name": "t", "type": "timerTrigger", "runOnStartup": true, "count": 3, "methods": ["get", "post"], "properties": {} }""");

        Assert.Equal("true", binding.Get("runOnStartup"));
        Assert.Equal("3", binding.Get("count"));
        Assert.Equal("{}", binding.Get("properties"));
        Assert.Equal(["get", "post"], binding.GetList("Methods"));
        Assert.Null(binding.GetList("count"));
    }

    [Theory]
    [InlineData("""{ "type": "queueTrigger" }""", "no name")]
    [InlineData("""{ "name": "body" }""", "no type")]
    [InlineData("""["name", "type"]""", "not a JSON object")]
    public void A_binding_without_a_name_or_type_or_that_is_not_an_object_is_refused(string raw, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => WorkerBinding.Parse(raw));

        Assert.Contains(expected, error.Message);
    }
}
