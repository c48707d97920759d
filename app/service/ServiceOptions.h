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

    // What the process does on a shared (PostgreSQL) database; nothing changes on SQLite, where
    // one process does everything. A receiver stores webhooks and sends while it holds the team's
    // outbox lock; a console writes `pending` rows and reads, and watches whether anyone sends.
    enum class TeamRole
    {
        Receiver,
        Console,
    };
    TeamRole teamRole = TeamRole::Receiver;
};
