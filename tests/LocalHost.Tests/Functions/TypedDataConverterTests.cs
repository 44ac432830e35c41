using Google.Protobuf;
using Newtonsoft.Json.Linq;
using Orbit.LocalHost.Functions;
using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Tests.Functions;

public sealed class TypedDataConverterTests
{
    [Fact]
    public void Text_goes_as_text_not_as_JSON_and_comes_back_as_a_string_not_a_JValue()
    {
        var data = TypedDataConverter.ToRpc("{\"looks\":\"like json\"}");

        Assert.Equal(TypedData.DataOneofCase.String, data.DataCase);
        var back = TypedDataConverter.FromRpc(data);
        Assert.IsType<string>(back);
        Assert.Equal("{\"looks\":\"like json\"}", back);
    }

    [Fact]
    public void JSON_from_the_worker_comes_back_as_a_JToken_with_dates_left_as_the_text_they_were()
    {
        var back = TypedDataConverter.FromRpc(new TypedData { Json = """{"name":"x","at":"2026-12-05T00:00:00Z","n":3}""" });

        var json = Assert.IsType<JObject>(back);
        Assert.Equal(JTokenType.String, json["at"]!.Type);
        Assert.Equal("2026-12-05T00:00:00Z", (string?)json["at"]);
        Assert.Equal(3, (int)json["n"]!);
    }

    [Fact]
    public void A_JSON_string_from_the_worker_stays_a_JToken_so_the_Durable_extension_stores_it_without_quoting_it_again()
    {
        var back = TypedDataConverter.FromRpc(new TypedData { Json = "\"Hello, x!\"" });

        var token = Assert.IsAssignableFrom<JToken>(back);
        Assert.Equal("\"Hello, x!\"", token.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public void Objects_round_trip_as_JSON_and_bytes_as_bytes()
    {
        var json = JObject.Parse("""{"a":[1,2],"b":{"c":null}}""");
        var bytes = new byte[] { 0, 1, 254, 255 };

        Assert.True(JToken.DeepEquals(json, (JToken?)TypedDataConverter.FromRpc(TypedDataConverter.ToRpc(json))));
        Assert.Equal(bytes, TypedDataConverter.FromRpc(TypedDataConverter.ToRpc(bytes)));
        Assert.Equal(TypedData.DataOneofCase.Bytes, TypedDataConverter.ToRpc(bytes).DataCase);
    }

    [Fact]
    public void Other_values_go_as_their_JSON_and_numbers_come_back_as_numbers()
    {
        var timer = TypedDataConverter.ToRpc(new { ScheduleStatus = new { Next = "2026-12-05T00:00:02Z" }, IsPastDue = false });

        Assert.Equal(TypedData.DataOneofCase.Json, timer.DataCase);
        Assert.Equal("""{"ScheduleStatus":{"Next":"2026-12-05T00:00:02Z"},"IsPastDue":false}""", timer.Json);
        Assert.Equal(TypedData.DataOneofCase.Double, TypedDataConverter.ToRpc(1.5).DataCase);
        Assert.Equal(1.5, TypedDataConverter.FromRpc(TypedDataConverter.ToRpc(1.5)));
        Assert.Equal(42L, TypedDataConverter.FromRpc(new TypedData { Int = 42 }));
        Assert.Equal(new byte[] { 7 }, TypedDataConverter.FromRpc(new TypedData { Stream = ByteString.CopyFrom(7) }));
    }

    [Fact]
    public void Nothing_goes_as_empty_data_and_comes_back_as_null()
    {
        Assert.Equal(TypedData.DataOneofCase.None, TypedDataConverter.ToRpc(null).DataCase);
        Assert.Null(TypedDataConverter.FromRpc(new TypedData()));
        Assert.Null(TypedDataConverter.FromRpc(null));
    }

    [Fact]
    public void Data_the_host_cannot_take_is_refused_naming_its_kind()
    {
        var http = new TypedData { Http = new RpcHttp() };

        var error = Assert.Throws<NotSupportedException>(() => TypedDataConverter.FromRpc(http));

        Assert.Contains("Http", error.Message);
    }
}
