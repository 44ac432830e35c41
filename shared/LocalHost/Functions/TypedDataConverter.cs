using Google.Protobuf;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Orbit.LocalHost.Rpc;

namespace Orbit.LocalHost.Functions;

/// <summary>
/// Values to and from the protocol's <see cref="TypedData"/>, as the Functions host converts them: text as text, bytes as
/// bytes, JSON objects and everything else (numbers, dates, a timer's info) as JSON; JSON from the worker as a JToken,
/// which the Durable extension stores without serializing it again.
/// </summary>
public static class TypedDataConverter
{
    private static readonly JsonSerializerSettings KeepDatesAsText = new() { DateParseHandling = DateParseHandling.None };

    public static TypedData ToRpc(object? value) => value switch
    {
        null => new TypedData(),
        byte[] bytes => new TypedData { Bytes = ByteString.CopyFrom(bytes) },
        JObject json => new TypedData { Json = json.ToString(Formatting.None) },
        string text => new TypedData { String = text },
        double number => new TypedData { Double = number },
        _ => new TypedData { Json = JsonConvert.SerializeObject(value, Formatting.None) },
    };

    // Every arm is cast to object: JToken converts implicitly from text, bytes and numbers, so without the casts the
    // switch's type would be JToken and text would come back as a JValue, which the Durable extension does not take.
    public static object? FromRpc(TypedData? data) => data?.DataCase switch
    {
        null or TypedData.DataOneofCase.None => null,
        TypedData.DataOneofCase.String => (object)data.String,
        TypedData.DataOneofCase.Json => (object?)JsonConvert.DeserializeObject<JToken>(data.Json, KeepDatesAsText),
        TypedData.DataOneofCase.Bytes => (object)data.Bytes.ToByteArray(),
        TypedData.DataOneofCase.Stream => (object)data.Stream.ToByteArray(),
        TypedData.DataOneofCase.Int => (object)data.Int,
        TypedData.DataOneofCase.Double => (object)data.Double,
        var other => throw new NotSupportedException($"The worker returned {other} data, which this host does not take."),
    };
}
