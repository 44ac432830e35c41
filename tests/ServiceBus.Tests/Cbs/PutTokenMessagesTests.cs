using Amqp;
using Amqp.Framing;
using Orbit.ServiceBus.Cbs;

namespace Orbit.ServiceBus.Tests.Cbs;

/// <summary>The put-token exchange with Service Bus's $cbs node, as encoded on the wire.</summary>
public sealed class PutTokenMessagesTests
{
    private const string Token = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL3NlcnZpY2VidXMuYXp1cmUubmV0In0.c2lnbmF0dXJl";

    private static readonly PutTokenRequest Request = new(
        PutTokenRequest.AudienceOf("orbit-events.servicebus.windows.net", ServiceBusEntity.Parse("tenant-events/Subscriptions/orbit")), "request-1", "listener-cbs-reply");

    [Fact]
    public void A_put_token_request_carries_the_jwt_as_a_string_value_for_the_entitys_audience_with_its_reply_address()
    {
        var onTheWire = Message.Decode(Request.ToMessage(Token).Encode());

        Assert.Equal("amqp://orbit-events.servicebus.windows.net/tenant-events/Subscriptions/orbit", Request.Audience);
        Assert.Equal("put-token", onTheWire.ApplicationProperties["operation"]);
        Assert.Equal("jwt", onTheWire.ApplicationProperties["type"]);
        Assert.Equal(Request.Audience, onTheWire.ApplicationProperties["name"]);
        Assert.Equal(Token, Assert.IsType<AmqpValue>(onTheWire.BodySection).Value);
        Assert.Equal(("request-1", "listener-cbs-reply"), (onTheWire.Properties.MessageId, onTheWire.Properties.ReplyTo));
    }

    [Fact]
    public void The_request_written_out_never_shows_the_token()
    {
        Assert.DoesNotContain(Token, Request.ToString());
        Assert.DoesNotContain("eyJ", Request.ToString());
    }

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    public void An_answer_to_the_request_with_status_200_or_202_means_the_token_was_taken(int status)
    {
        var response = PutTokenResponse.Read(Answer("request-1", status, "Accepted"));

        Assert.True(response.Answers(Request));
        Assert.True(response.Accepted);
        response.EnsureAccepted(Request);
    }

    [Fact]
    public void A_refused_token_fails_naming_the_audience_the_status_and_its_description()
    {
        var response = PutTokenResponse.Read(Answer("request-1", 401, "InvalidIssuer: Token issuer is invalid."));

        var error = Assert.Throws<InvalidOperationException>(() => response.EnsureAccepted(Request));

        Assert.False(response.Accepted);
        Assert.Contains("amqp://orbit-events.servicebus.windows.net/tenant-events/Subscriptions/orbit (status 401: InvalidIssuer: Token issuer is invalid.)", error.Message);
        Assert.Contains("Azure Service Bus Data Receiver", error.Message);
    }

    [Fact]
    public void An_answer_without_a_status_is_refused_and_one_with_a_status_in_another_integer_width_is_read()
    {
        var withoutStatus = PutTokenResponse.Read(Answer("request-1", null, null));
        var wide = PutTokenResponse.Read(Answer("request-1", 202L, null));

        Assert.Contains("(no status-code: no description)", Assert.Throws<InvalidOperationException>(() => withoutStatus.EnsureAccepted(Request)).Message);
        Assert.Equal(202, wide.StatusCode);
    }

    [Fact]
    public void An_answer_to_another_request_is_not_taken_for_this_ones()
    {
        Assert.False(PutTokenResponse.Read(Answer("request-0", 200, null)).Answers(Request));
        Assert.False(PutTokenResponse.Read(Answer(null, 200, null)).Answers(Request));
    }

    private static Message Answer(string? correlationId, object? status, string? description)
    {
        var answer = new Message { Properties = new Properties { CorrelationId = correlationId }, ApplicationProperties = new ApplicationProperties() };
        if (status is not null)
        {
            answer.ApplicationProperties["status-code"] = status;
        }

        if (description is not null)
        {
            answer.ApplicationProperties["status-description"] = description;
        }

        // Through the wire format, as the node's answer arrives.
        return Message.Decode(answer.Encode());
    }
}
