#include "app/service/RateLimiter.h"

#include <algorithm>
#include <cmath>

RateLimiter::RateLimiter(double rate, double burst)
    : m_rate(rate)
    , m_burst(burst > 0 ? burst : std::max(1.0, rate * 0.05))
    , m_tokens(m_burst)
{
}

bool RateLimiter::isUnlimited() const
{
    return m_rate <= 0;
}

double RateLimiter::rate() const
{
    return m_rate;
}

void RateLimiter::refill(qint64 nowMs)
{
    if (m_lastMs >= 0 && nowMs > m_lastMs) {
        m_tokens = std::min(m_burst, m_tokens + static_cast<double>(nowMs - m_lastMs) * m_rate / 1000.0);
    }
    m_lastMs = std::max(m_lastMs, nowMs);
}

bool RateLimiter::tryAcquire(qint64 nowMs)
{
    if (isUnlimited()) {
        return true;
    }
    refill(nowMs);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return true;
    }
    return false;
}

qint64 RateLimiter::msUntilAvailable(qint64 nowMs)
{
    if (isUnlimited()) {
        return 0;
    }
    refill(nowMs);
    if (m_tokens >= 1.0) {
        return 0;
    }
    return static_cast<qint64>(std::ceil((1.0 - m_tokens) * 1000.0 / m_rate));
}
