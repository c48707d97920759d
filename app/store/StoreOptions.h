#pragma once

#include <QString>

#include <functional>

struct StoreOptions
{
    QString path; // a SQLite file (created when missing) or a PostgreSQL URI (see StoreDialect)
    int busyTimeoutMs = 5000; // how long a connection waits for another one's lock
    int maxBatch = 512; // operations per group-commit transaction at most
    // Webhook log entries older than this are deleted (FLOWCHAT_WEBHOOK_LOG_DAYS); 0 keeps them all.
    qint64 webhookLogRetentionMs = 30LL * 24 * 60 * 60 * 1000;
    // Epoch milliseconds UTC, read on the writer thread (tests inject their own; it must be
    // thread-safe). Empty: the system clock.
    std::function<qint64()> clock;
};
