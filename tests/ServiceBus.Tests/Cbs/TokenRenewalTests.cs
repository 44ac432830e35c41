using CsCheck;
using Orbit.ServiceBus.Cbs;

namespace Orbit.ServiceBus.Tests.Cbs;

public sealed class TokenRenewalTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_managed_identity_token_of_a_day_is_renewed_five_minutes_before_it_expires()
    {
        Assert.Equal(Now.AddHours(24).AddMinutes(-5), TokenRenewal.At(Now.AddHours(24), Now));
        Assert.Equal(Now.AddMinutes(55), TokenRenewal.At(Now.AddHours(1), Now));
    }

    [Fact]
    public void A_token_with_less_than_ten_minutes_left_is_renewed_halfway_and_an_expired_one_at_once()
    {
        Assert.Equal(Now.AddMinutes(3), TokenRenewal.At(Now.AddMinutes(6), Now));
        Assert.Equal(Now, TokenRenewal.At(Now, Now));
        Assert.Equal(Now, TokenRenewal.At(Now.AddMinutes(-1), Now));
    }

    [Fact]
    public void A_token_about_to_expire_is_renewed_no_sooner_than_a_second_from_now_or_as_it_expires()
    {
        Assert.Equal(Now.AddSeconds(1), TokenRenewal.At(Now.AddSeconds(1.5), Now));
        Assert.Equal(Now.AddMilliseconds(400), TokenRenewal.At(Now.AddMilliseconds(400), Now));
    }

    [Fact]
    public void Renewal_is_never_in_the_past_before_a_live_token_expires_unless_it_has_under_two_seconds_and_never_more_than_a_day_ahead()
    {
        Gen.Long[-TimeSpan.TicksPerDay, 60 * TimeSpan.TicksPerDay].Sample(ticks =>
        {
            var expiresOn = Now + TimeSpan.FromTicks(ticks);
            var at = TokenRenewal.At(expiresOn, Now);
            return at >= Now
                && (ticks > 0 ? at <= expiresOn && (at < expiresOn || ticks <= 2 * TokenRenewal.MinimumWait.Ticks) : at == Now)
                && (ticks <= 0 || at - Now >= TimeSpan.FromTicks(Math.Min(ticks, TokenRenewal.MinimumWait.Ticks)))
                && at - Now <= TokenRenewal.MaxWait
                // With room for the margin, the token is renewed exactly the margin before it expires (unless that is more than a day away).
                && (ticks < 2 * TokenRenewal.Margin.Ticks || at - Now == TokenRenewal.MaxWait || at == expiresOn - TokenRenewal.Margin);
        });
    }

    [Fact]
    public void A_token_that_lives_longer_is_never_renewed_sooner()
    {
        Gen.Select(Gen.Long[-TimeSpan.TicksPerHour, 3 * TimeSpan.TicksPerDay], Gen.Long[0, 3 * TimeSpan.TicksPerDay]).Sample((ticks, longer) =>
            TokenRenewal.At(Now + TimeSpan.FromTicks(ticks), Now) <= TokenRenewal.At(Now + TimeSpan.FromTicks(ticks + longer), Now));
    }
}
