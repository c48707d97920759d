#pragma once

#include "app/service/Backoff.h"

#include <QtGlobal>

#include <functional>

// Seams of WhatsAppService that tests and benchmarks set; the defaults are production's.
struct ServiceOptions
{
    // Wall clock in epoch milliseconds UTC, for the 24-hour window. Empty: the system clock.
    std::function<qint64()> clock;
    BackoffPolicy backoff;
    quint32 seed = 0; // backoff jitter; 0: random
};
