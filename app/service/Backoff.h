#pragma once

#include "providers/Result.h"

#include <QRandomGenerator>

// How long the outbox waits before sending a message again after a transient failure.
struct BackoffPolicy
{
    qint64 initialMs = 1000; // first retry waits about this long
    qint64 maximumMs = 300'000; // exponential growth stops here
    double jitter = 0.5; // the share of each delay that is random: 0 = none, 1 = all of it
    int maxAttempts = 12; // sends of one message before it fails with the last error
    qint64 pairRateMinimumMs = 6000; // Meta 131056: the same recipient again only after this long
};

// Exponential backoff with jitter that honours the provider's Retry-After (wire reference §12.3).
class Backoff
{
public:
    explicit Backoff(BackoffPolicy policy = {}, quint32 seed = 0);

    const BackoffPolicy& policy() const;
    // The wait before attempt `attempt + 1`, after `attempt` (1-based) failed with `error`.
    qint64 delayMs(int attempt, const Error& error);
    // Whether a message that failed `attempt` times may be sent again.
    bool mayRetry(int attempt) const;
    // Meta's pair rate limit: the recipient must rest, not just this message.
    static bool isPairRateLimit(const Error& error);

private:
    BackoffPolicy m_policy;
    QRandomGenerator m_random;
};
