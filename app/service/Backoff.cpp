#include "app/service/Backoff.h"

#include <algorithm>
#include <cmath>

Backoff::Backoff(BackoffPolicy policy, quint32 seed)
    : m_policy(policy)
    , m_random(seed ? QRandomGenerator(seed) : QRandomGenerator(QRandomGenerator::global()->generate()))
{
}

const BackoffPolicy& Backoff::policy() const
{
    return m_policy;
}

qint64 Backoff::delayMs(int attempt, const Error& error)
{
    const int exponent = std::clamp(attempt - 1, 0, 30);
    const double grown = static_cast<double>(m_policy.initialMs) * std::pow(2.0, exponent);
    const double capped = std::min(grown, static_cast<double>(m_policy.maximumMs));
    const double jitter = std::clamp(m_policy.jitter, 0.0, 1.0);
    // "Equal jitter": a fixed part keeps the delay growing, the random part spreads the herd.
    qint64 delay = static_cast<qint64>(capped * (1.0 - jitter) + capped * jitter * m_random.generateDouble());

    qint64 floor = 0;
    if (error.retryAfter) {
        floor = static_cast<qint64>(error.retryAfter->count()) * 1000;
    }
    if (isPairRateLimit(error)) {
        floor = std::max(floor, m_policy.pairRateMinimumMs);
    }
    if (floor > 0) {
        // The provider named the wait: keep it, plus a little spread so retries do not arrive together.
        const qint64 spread = static_cast<qint64>(static_cast<double>(floor) * 0.1 * m_random.generateDouble());
        delay = std::max(delay, floor + spread);
    }
    return std::max<qint64>(0, delay);
}

bool Backoff::mayRetry(int attempt) const
{
    return attempt < m_policy.maxAttempts;
}

bool Backoff::isPairRateLimit(const Error& error)
{
    return error.code == QLatin1String("131056");
}
