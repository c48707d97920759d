#pragma once

#include <QtGlobal>

// A token bucket: `rate` sends per second on average, with a burst of at most `burst` tokens.
// Time is passed in (monotonic milliseconds), so the bucket is a pure value to test.
class RateLimiter
{
public:
    // rate <= 0: unlimited. burst <= 0: about 50 ms worth of tokens, at least one.
    explicit RateLimiter(double rate, double burst = 0);

    bool isUnlimited() const;
    double rate() const;
    // Takes a token when one is available at `nowMs`.
    bool tryAcquire(qint64 nowMs);
    // How long until a token is available; 0 when one is now.
    qint64 msUntilAvailable(qint64 nowMs);

private:
    void refill(qint64 nowMs);

    double m_rate;
    double m_burst;
    double m_tokens;
    qint64 m_lastMs = -1;
};
